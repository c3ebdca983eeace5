package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"coffre/engine/storage/ftp"
	"coffre/engine/storage/ftp/ftptest"
	"coffre/server/store"
)

// ftpPassword is a password that must never show outside the FTP control connection.
const ftpPassword = "s3cret-Never-Shown"

// setFTP runs `coffre ftp set` for login with cfg's server and the password in a file, once
// the test servers' loopback network is allowed.
func setFTP(t *testing.T, dir, login string, cfg ftp.Config, extra ...string) result {
	t.Helper()
	if r := run(t, dir, "", "ftp", "networks", "--allow", "127.0.0.0/8"); r.code != 0 {
		t.Fatalf("ftp networks: %s", r.stderr)
	}
	pw := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pw, []byte(cfg.Password+"\n"), 0o600)
	args := []string{"ftp", "set", login, "--host", cfg.Host, "--port", strconv.Itoa(cfg.Port), "--user", cfg.User,
		"--password-file", pw, "--tls", string(cfg.TLS)}
	if cfg.Dir != "" {
		args = append(args, "--dir", cfg.Dir)
	}
	return run(t, dir, "", append(args, extra...)...)
}

// noSecret fails when the password shows in any of the texts or files.
func noSecret(t *testing.T, where string, texts ...string) {
	t.Helper()
	for _, s := range texts {
		if strings.Contains(s, ftpPassword) {
			t.Errorf("the FTP password shows in %s", where)
		}
	}
}

func TestFTPSetShowTestInProcess(t *testing.T) {
	dir := demoData(t)
	srv := ftptest.NewServer(t, ftptest.Options{User: "acme", Pass: ftpPassword, TLS: ftp.TLSExplicit})
	cfg := srv.Config
	cfg.Fingerprint = ""
	r := setFTP(t, dir, "acme", cfg)
	if r.code != 0 {
		t.Fatalf("ftp set: %d %s", r.code, r.stderr)
	}
	show := mustRun(t, dir, "ftp", "show", "acme")
	js := mustRun(t, dir, "ftp", "show", "acme", "--json")
	if !strings.Contains(show.stdout, "Password:    (set)") || !strings.Contains(js.stdout, `"hasPassword": true`) {
		t.Errorf("ftp show:\n%s\n%s", show.stdout, js.stdout)
	}
	// A self-signed certificate: the test stops at TLS and shows the fingerprint to accept.
	r = run(t, dir, "", "ftp", "test", "acme")
	if r.code != 1 || !strings.Contains(r.stdout, "secure (TLS)") || !strings.Contains(r.stdout, srv.Cert.Fingerprint) ||
		!strings.Contains(r.stdout, "coffre ftp set acme --fingerprint "+srv.Cert.Fingerprint) {
		t.Fatalf("ftp test of a self-signed server: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	mustRun(t, dir, "ftp", "set", "acme", "--fingerprint", srv.Cert.Fingerprint)
	ok := mustRun(t, dir, "ftp", "test", "acme")
	for _, step := range []string{"connect", "log in", "list the folder", "write a probe file", "read its size back", "read it", "delete it"} {
		if !strings.Contains(ok.stdout, step) {
			t.Errorf("ftp test does not report step %q:\n%s", step, ok.stdout)
		}
	}
	if strings.Contains(ok.stdout, "FAILED") || !strings.Contains(ok.stdout, "The FTP storage works.") {
		t.Errorf("ftp test:\n%s", ok.stdout)
	}
	// A wrong password: the failing step with the server's words.
	bad := cfg
	bad.Password = "wrong"
	setFTP(t, dir, "acme", bad)
	r = run(t, dir, "", "ftp", "test", "acme")
	if r.code != 1 || !strings.Contains(r.stdout, "log in") || !strings.Contains(r.stdout, "530") ||
		!strings.Contains(r.stderr, "failed at step login") {
		t.Errorf("ftp test with a wrong password: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	// Line breaks never reach the control connection: refused as a wrong command line.
	for _, flagValue := range [][]string{{"--user", "acme\r\nDELE x"}, {"--dir", "up\nRMD /"}, {"--host", "h\x00"}} {
		r = run(t, dir, "", "ftp", "set", "acme", flagValue[0], flagValue[1])
		if r.code != 2 || !strings.Contains(r.stderr, "line break") {
			t.Errorf("ftp set %s %q: %d %s", flagValue[0], flagValue[1], r.code, r.stderr)
		}
	}
	setFTP(t, dir, "acme", cfg)
	data, _ := os.ReadFile(filepath.Join(dir, store.FileName))
	if bytes.Contains(data, []byte(ftpPassword)) {
		t.Error("the FTP password is in the store in clear")
	}
	noSecret(t, "the commands' output", show.stdout, js.stdout, ok.stdout, r.stdout, r.stderr,
		mustRun(t, dir, "client", "show", "acme", "--json").stdout)
}

// Against a real vsftpd in implicit FTPS, trusted by the certificate's fingerprint.
func TestFTPTestVsftpd(t *testing.T) {
	dir := demoData(t)
	v := ftptest.StartVsftpd(t, ftp.TLSImplicit)
	r := setFTP(t, dir, "acme", v.Config, "--fingerprint", v.Config.Fingerprint)
	if r.code != 0 {
		t.Fatalf("ftp set: %s", r.stderr)
	}
	ok := mustRun(t, dir, "ftp", "test", "acme")
	if !strings.Contains(ok.stdout, "The FTP storage works.") || !strings.Contains(ok.stdout, "secure (TLS)") {
		t.Errorf("ftp test:\n%s", ok.stdout)
	}
	// A folder that is a file: the failing step with vsftpd's answer.
	os.WriteFile(filepath.Join(v.Root, "up", "afile"), []byte("x"), 0o644)
	mustRun(t, dir, "ftp", "set", "acme", "--dir", "up/afile")
	r = run(t, dir, "", "ftp", "test", "acme")
	if r.code != 1 || !strings.Contains(r.stdout, "FAILED") || !strings.Contains(r.stdout, "550") {
		t.Errorf("ftp test in a read-only folder: %d\n%s", r.code, r.stdout)
	}
}
