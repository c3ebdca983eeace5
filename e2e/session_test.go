package e2e

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A logged-in administrator stays logged in across a restart of `coffre serve` (a real process
// stopped and started again), and logging out ends the session. The server's log, at debug
// level, holds none of the secrets of the session: the passwords typed (right or wrong), the
// SMTP and FTP passwords saved, the session cookie. At the default level it logs no request.
func TestSessionSurvivesARestartAndNoSecretIsLogged(t *testing.T) {
	if _, err := os.Stat(binary); err != nil {
		t.Fatalf("%s is missing: run make build first", binary)
	}
	data := filepath.Join(t.TempDir(), "data")
	coffreCLI(t, data, "", "client", "add", "acme", "--name", "Acme")
	coffreCLI(t, data, "", "client", "rights", "acme", "--ftp-storage=true")
	coffreCLI(t, data, "admin-password-1\n", "admin", "password")
	secrets := []string{"admin-password-1", "wrong-secret-Lk3", "smtp-secret-Xy7", "ftp-secret-Qz9"}

	first := serveData(t, data, "--log-level", "debug")
	anon := &apiClient{url: first.url, c: &http.Client{}}
	if status, _ := anon.call(t, "POST", "/api/login", `{"login":"admin","password":"wrong-secret-Lk3"}`); status != 401 {
		t.Errorf("a wrong password: %d", status)
	}
	api := first.logIn(t)
	for _, c := range [][2]string{
		{"/api/settings/smtp", `{"host":"127.0.0.1","port":2525,"tls":"none","user":"mailer","password":"smtp-secret-Xy7","from":"backup@host.example"}`},
		{"/api/clients/acme/ftp", `{"host":"127.0.0.1","port":2121,"user":"acme","password":"ftp-secret-Qz9","tls":"none"}`},
	} {
		if status, body := api.call(t, "PUT", c[0], c[1]); status != 200 {
			t.Fatalf("PUT %s: %d %s", c[0], status, body)
		}
	}
	u, _ := url.Parse(first.url)
	cookies := api.c.Jar.Cookies(u)
	if len(cookies) != 1 {
		t.Fatalf("cookies after login: %v", cookies)
	}
	secrets = append(secrets, cookies[0].Value)
	first.stop(t)

	second := serveData(t, data)
	defer second.stop(t)
	api.url = second.url // the same cookie, sent to the restarted server
	if status, body := api.call(t, "GET", "/api/me", ""); status != 200 || !strings.Contains(string(body), `"admin"`) {
		t.Fatalf("after a restart /api/me answered %d %s: the session was lost", status, body)
	}
	for range 50 { // the panel polls
		api.call(t, "GET", "/api/me", "")
	}
	if status, _ := api.call(t, "POST", "/api/logout", ""); status != 204 {
		t.Errorf("logout: %d", status)
	}
	api.c.Jar.SetCookies(u, cookies) // the cookie kept by someone who copied it
	if status, _ := api.call(t, "GET", "/api/me", ""); status != 401 {
		t.Errorf("after logout the old cookie answered %d, want 401", status)
	}

	debugLog, infoLog := first.out.String(), second.out.String()
	t.Logf("log lines: %d at debug level (%d of them requests), %d at the default level after 53 requests",
		strings.Count(debugLog, "\n"), strings.Count(debugLog, "msg=http"), strings.Count(infoLog, "\n"))
	for _, s := range secrets {
		if strings.Contains(debugLog+infoLog, s) {
			t.Errorf("the server's log holds the secret %q:\n%s\n%s", s, debugLog, infoLog)
		}
	}
	for _, want := range []string{"path=/api/settings/smtp", "logged in", "login failed", "SMTP settings saved"} {
		if !strings.Contains(debugLog, want) {
			t.Errorf("the debug log misses %q:\n%s", want, debugLog)
		}
	}
	if strings.Contains(infoLog, "path=") {
		t.Errorf("requests logged at the default level:\n%s", infoLog)
	}
}
