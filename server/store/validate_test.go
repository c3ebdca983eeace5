package store

import (
	"path/filepath"
	"strings"
	"testing"
	"unicode"
)

func TestValidators(t *testing.T) {
	tests := []struct {
		check func(string) error
		ok    []string
		bad   []string
	}{
		{ValidateLogin,
			[]string{"acme", "a", "jean-paul.dupont_2", strings.Repeat("a", 32)},
			[]string{"", "admin", "Acme", "2acme", "a/b", "a%2Fb", "a b", "a\nb", "a=b", "é", strings.Repeat("a", 33), ".."}},
		{func(s string) error { return ValidateDomain("domain", s) },
			[]string{"acme.example", "xn--caf-dma.fr", "a-b.c-d.example", "x.y.z.example"},
			[]string{"", "localhost", "-a.example", "a-.example", "a..example", "a.example.", "a_b.example", "1.2.3.4", "A.example", "a.example/x", strings.Repeat("a", 64) + ".example"}},
		{func(s string) error { return ValidateEmail("email", s) },
			[]string{"claire@acme.example", "j.doe+tag@mail.example.org"},
			[]string{"", "claire", "Claire <claire@acme.example>", "a@b", "a@acme.example\r\nBcc: x@y.example", "a b@acme.example", "a@acme.example ", "\"a\"@acme.example", "a@-x.example"}},
		{ValidateLang, []string{"en", "fr"}, []string{"", "de", "EN", "fr\n"}},
		{func(s string) error { return ValidateRel("logs", s) },
			[]string{"logs", "httpdocs/app/logs", "..hidden", "a b/c"},
			[]string{"", ".", "/logs", "../x", "a/../b", "a/./b", "a//b", "logs/", "a\\b", "a\tb", "a\nb"}},
		{func(s string) error { return ValidateSystemUser("user", s) },
			[]string{"acme", "www-data", "_x"}, []string{"", "Acme", "1x", "-x", "a:b", strings.Repeat("a", 33)}},
		{ValidateDatabaseName, []string{"shop", "wp_1", "A-b"}, []string{"", "a b", "a;drop", "a/b", strings.Repeat("a", 65)}},
		{func(s string) error { return ValidateText("name", s, 10, true) },
			[]string{"Café Noël", "x"}, []string{"", "   ", "a\nb", "a\x00", strings.Repeat("é", 11), "\xff"}},
	}
	for i, tt := range tests {
		for _, s := range tt.ok {
			if err := tt.check(s); err != nil {
				t.Errorf("check %d: %q refused: %v", i, s, err)
			}
		}
		for _, s := range tt.bad {
			if err := tt.check(s); err == nil {
				t.Errorf("check %d: %q accepted", i, s)
			}
		}
	}
}

func FuzzValidateEmail(f *testing.F) {
	for _, s := range []string{"claire@acme.example", "a@b.c\r\nBcc: x", "\"a b\"@x.example", "<a@b.example>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ValidateEmail("email", s) == nil && strings.ContainsFunc(s, func(r rune) bool { return unicode.IsControl(r) || r == ' ' || r == '<' }) {
			t.Fatalf("accepted %q", s)
		}
	})
}

func FuzzValidateRel(f *testing.F) {
	for _, s := range []string{"logs", "../x", "a/./b", "/abs", "a\tb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if ValidateRel("p", s) == nil && (!filepath.IsLocal(s) || strings.ContainsFunc(s, unicode.IsControl)) {
			t.Fatalf("accepted %q", s)
		}
	})
}

func FuzzValidateDomainAndLogin(f *testing.F) {
	for _, s := range []string{"acme.example", "a%2Fb", "admin", "a..b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		safe := func(s string) bool { return !strings.ContainsAny(s, "/%\\ \r\n\t=@:") }
		if ValidateDomain("d", s) == nil && !safe(s) || ValidateLogin(s) == nil && !safe(s) {
			t.Fatalf("accepted %q", s)
		}
	})
}
