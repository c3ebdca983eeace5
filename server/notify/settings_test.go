package notify

import (
	"errors"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"coffre/server/store"
)

func TestValidateSettings(t *testing.T) {
	ok := Settings{Host: "mail.example.com", Port: 587, TLS: TLSStartTLS, User: "mailer", Password: []byte("pw"), From: "coffre@example.com"}
	tests := []struct {
		name  string
		edit  func(*Settings)
		field string // "" when valid
		code  string
	}{
		{"valid", func(*Settings) {}, "", ""},
		{"IPv4", func(s *Settings) { s.Host = "192.0.2.25" }, "", ""},
		{"IPv6", func(s *Settings) { s.Host = "2001:db8::25" }, "", ""},
		{"no auth, plain, remote", func(s *Settings) { s.TLS, s.User, s.Password = TLSNone, "", nil }, "", ""},
		{"auth, plain, localhost", func(s *Settings) { s.TLS, s.Host = TLSNone, "localhost" }, "", ""},
		{"implicit TLS", func(s *Settings) { s.TLS, s.Port = TLSImplicit, 465 }, "", ""},
		{"empty host", func(s *Settings) { s.Host = "" }, "host", store.CodeInvalidDomain},
		{"host with CR LF", func(s *Settings) { s.Host = "mail.example.com\r\nRCPT TO:<x@y.z>" }, "host", store.CodeInvalidDomain},
		{"host with port", func(s *Settings) { s.Host = "mail.example.com:25" }, "host", store.CodeInvalidDomain},
		{"host with space", func(s *Settings) { s.Host = "mail example.com" }, "host", store.CodeInvalidDomain},
		{"label starting with -", func(s *Settings) { s.Host = "-mail.example.com" }, "host", store.CodeInvalidDomain},
		{"port 0", func(s *Settings) { s.Port = 0 }, "port", store.CodeInvalidPort},
		{"port 65536", func(s *Settings) { s.Port = 65536 }, "port", store.CodeInvalidPort},
		{"unknown TLS", func(s *Settings) { s.TLS = "ssl" }, "tls", CodeInvalidTLS},
		{"user with LF", func(s *Settings) { s.User = "mailer\nMAIL FROM:<x@y.z>" }, "user", store.CodeInvalidText},
		{"password with CR", func(s *Settings) { s.Password = []byte("pw\rx") }, "password", store.CodeInvalidText},
		{"password with NUL", func(s *Settings) { s.Password = []byte("pw\x00x") }, "password", store.CodeInvalidText},
		{"password without user", func(s *Settings) { s.User = "" }, "user", store.CodeRequired},
		{"password in clear to a remote host", func(s *Settings) { s.TLS = TLSNone }, "tls", CodeInsecureAuth},
		{"sender with a name", func(s *Settings) { s.From = "Coffre <coffre@example.com>" }, "from", store.CodeInvalidEmail},
		{"sender with CR LF", func(s *Settings) { s.From = "coffre@example.com\r\nBcc: x@y.z" }, "from", store.CodeInvalidEmail},
		{"no sender", func(s *Settings) { s.From = "" }, "from", store.CodeInvalidEmail},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := ok
			tc.edit(&s)
			err := s.Validate()
			var se *store.Error
			switch {
			case tc.field == "" && err != nil:
				t.Errorf("refused: %v", err)
			case tc.field != "" && (!errors.As(err, &se) || se.Field != tc.field || se.Code != tc.code):
				t.Errorf("got %v, want %s on %s", err, tc.code, tc.field)
			}
		})
	}
}

// FuzzValidate: settings come from the panel and the CLI. Validate never panics, and what it
// accepts has no control character that could end an SMTP command or a header.
func FuzzValidate(f *testing.F) {
	f.Add("mail.example.com", 587, "starttls", "mailer", "pw", "coffre@example.com")
	f.Add("127.0.0.1", 25, "none", "", "", "a@b.c")
	f.Add("mail.example.com\r\n", 0, "ssl", "u\n", "p\r", "a@b.c\r\nBcc: d@e.f")
	f.Fuzz(func(t *testing.T, host string, port int, tls, user, password, from string) {
		s := Settings{Host: host, Port: port, TLS: tls, User: user, Password: []byte(password), From: from}
		if s.Validate() != nil {
			return
		}
		for _, v := range []string{host, user, password, from} {
			if strings.ContainsFunc(v, unicode.IsControl) {
				t.Fatalf("accepted %q with a control character", v)
			}
		}
	})
}

// FuzzPrintable: file names and errors in a mail come from tenants. What the mail shows is one
// line of valid UTF-8.
func FuzzPrintable(f *testing.F) {
	for _, s := range []string{"files/a.example/index.php", "evil\r\nBcc: x", "\xff\xfe", "é", strings.Repeat("é", 400)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := printable(s, 300)
		if !utf8.ValidString(got) || strings.ContainsFunc(got, unicode.IsControl) || len(got) > 300+len("…") {
			t.Fatalf("printable(%q) = %q", s, got)
		}
	})
}
