package e2e

import (
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"time"
)

// launchFirst is launch for a test of the first login: the one-time password stays unchanged.
var launchFirst bool

// changeOneTimePassword does what the first login must do: it changes the printed one-time
// password (the panel and the API accept nothing else before), so that the tests log in as an
// administrator who has. Skipped under launchFirst.
func (c *coffre) changeOneTimePassword() error {
	if launchFirst {
		return nil
	}
	jar, _ := cookiejar.New(nil)
	hc := &http.Client{Jar: jar, Timeout: 10 * time.Second}
	post := func(method, path, body string) error {
		req, _ := http.NewRequest(method, c.url+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		res, err := hc.Do(req)
		if err != nil {
			return err
		}
		defer res.Body.Close()
		if res.StatusCode != 200 {
			b, _ := io.ReadAll(res.Body)
			return fmt.Errorf("%s %s: %d %s", method, path, res.StatusCode, b)
		}
		return nil
	}
	next := "changed-" + c.oneTime
	if err := post("POST", "/api/login", `{"login":"admin","password":"`+c.oneTime+`"}`); err != nil {
		return err
	}
	if err := post("PUT", "/api/me/password", `{"current":"`+c.oneTime+`","password":"`+next+`"}`); err != nil {
		return err
	}
	c.password = next
	return nil
}

// startFirstServer starts a server of the test's own whose administrator still has the
// one-time password printed at first start (c.oneTime).
func startFirstServer(t interface {
	Helper()
	Cleanup(func())
	Fatal(...any)
}) *coffre {
	t.Helper()
	launchFirst = true
	defer func() { launchFirst = false }()
	c, err := launch()
	if err != nil {
		t.Fatal(err)
	}
	own = c
	t.Cleanup(func() { own = nil; c.stop() })
	return c
}
