package spec

import (
	"slices"
	"strings"
	"testing"
)

func goodFTP() FTP {
	return FTP{Host: "ftp.example.com", Port: 21, User: "acme", Password: "pw", Dir: "backups/acme", TLS: FTPTLSExplicit}
}

func TestFTPValid(t *testing.T) {
	for _, edit := range []func(*FTP){
		func(*FTP) {},
		func(f *FTP) { f.Host, f.TLS, f.Port = "192.0.2.10", FTPTLSImplicit, 990 },
		func(f *FTP) { f.Host, f.Dir, f.Password = "2001:db8::1", "", "" },
		func(f *FTP) { f.Fingerprint = strings.Repeat("AB:", 31) + "AB" },
		func(f *FTP) { f.User, f.Dir = "claire dubois", "/home/é café" },
	} {
		f := goodFTP()
		edit(&f)
		if err := f.Validate(); err != nil {
			t.Errorf("%+v: %v", f, err)
		}
	}
}

// CR, LF and NUL never reach the control connection: every text refuses them, with a reason.
func TestFTPInvalid(t *testing.T) {
	tests := []struct {
		edit func(*FTP)
		want []string // field/code
	}{
		{func(f *FTP) { f.Host = "" }, []string{"host/required"}},
		{func(f *FTP) { f.Host = "ftp.example.com\r\nUSER x" }, []string{"host/ftp_line_break"}},
		{func(f *FTP) { f.Host = "ftp example.com" }, []string{"host/ftp_invalid_host"}},
		{func(f *FTP) { f.Host = "[::1]" }, []string{"host/ftp_invalid_host"}},
		{func(f *FTP) { f.Host = "fe80::1%eth0" }, []string{"host/ftp_invalid_host"}},
		{func(f *FTP) { f.Port = 0 }, []string{"port/ftp_invalid_port"}},
		{func(f *FTP) { f.Port = 65536 }, []string{"port/ftp_invalid_port"}},
		{func(f *FTP) { f.User = "" }, []string{"user/required"}},
		{func(f *FTP) { f.User = "acme\nDELE x" }, []string{"user/ftp_line_break"}},
		{func(f *FTP) { f.Password = "p\x00w" }, []string{"password/ftp_line_break"}},
		{func(f *FTP) { f.Password = "p\tw" }, []string{"password/ftp_control_char"}},
		{func(f *FTP) { f.Password = "p\u0085w" }, []string{"password/ftp_control_char"}},
		{func(f *FTP) { f.Dir = "up\rRMD /" }, []string{"dir/ftp_line_break"}},
		{func(f *FTP) { f.Dir = "\xff" }, []string{"dir/ftp_control_char"}},
		{func(f *FTP) { f.Dir = strings.Repeat("d", MaxFTPDir+1) }, []string{"dir/ftp_too_long"}},
		{func(f *FTP) { f.TLS = "ssl" }, []string{"tls/ftp_invalid_tls"}},
		{func(f *FTP) { f.Fingerprint = "abc" }, []string{"fingerprint/ftp_invalid_fingerprint"}},
		{func(f *FTP) { f.Host, f.User, f.TLS = "", "", "" }, []string{"host/required", "user/required", "tls/ftp_invalid_tls"}},
	}
	for _, tt := range tests {
		f := goodFTP()
		tt.edit(&f)
		if got := codes(f.Validate()); !slices.Equal(got, tt.want) {
			t.Errorf("%+v: %v, want %v", f, got, tt.want)
		}
	}
}

func TestNormalFingerprint(t *testing.T) {
	hex := strings.Repeat("0a", 32)
	for in, want := range map[string]string{hex: hex, strings.ToUpper(hex): hex, " " + strings.Repeat("0A:", 31) + "0A ": hex,
		hex[:62]: "", hex + "00": "", strings.Repeat("zz", 32): ""} {
		if got := NormalFingerprint(in); got != want {
			t.Errorf("NormalFingerprint(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestRestoreTrustFields(t *testing.T) {
	r := goodRestore()
	r.TrustKey, r.RootBase = "SHA256:"+strings.Repeat("A", 43), "/srv/vhosts"
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	r.TrustKey, r.RootBase = "SHA256:short", "relative/dir"
	if got := codes(r.Validate()); !slices.Equal(got, []string{"trustKey/invalid_key_fingerprint", "rootBase/invalid_path"}) {
		t.Errorf("%v", got)
	}
}

// FuzzFTPValidate: accepted settings never hold a byte that ends an FTP command, and every
// refusal carries a listed code.
func FuzzFTPValidate(f *testing.F) {
	f.Add("ftp.example.com", 21, "acme", "pw", "up", "explicit", "")
	f.Add("h\r\n", 0, "a\nb", "\x00", "d\rx", "ssl", "zz")
	f.Add("::1", 990, "é", "p w", "/a/../b", "implicit", strings.Repeat("AB:", 31)+"AB")
	f.Fuzz(func(t *testing.T, host string, port int, user, pw, dir, tls, fp string) {
		s := FTP{Host: host, Port: port, User: user, Password: pw, Dir: dir, TLS: tls, Fingerprint: fp}
		err := s.Validate()
		checkErrors(t, err)
		if err == nil && strings.ContainsAny(host+user+pw+dir, "\r\n\x00") {
			t.Errorf("accepted a line break: %+v", s)
		}
	})
}
