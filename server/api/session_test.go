package api

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"coffre/server/auth"
)

// A session left unused for the idle time is refused (401) and gone; one in use lives on, and
// a new API on the same store (a restarted server) knows it.
func TestIdleSessionIsRefused(t *testing.T) {
	s := newSite(t)
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	start := func() *httptest.Server {
		srv := httptest.NewServer(New(Config{Store: s.st, Now: clock}))
		t.Cleanup(srv.Close)
		return srv
	}
	srv := start()
	call := func(srv *httptest.Server, method, path, body string, c *http.Cookie) *http.Response {
		req, _ := http.NewRequest(method, srv.URL+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		if c != nil {
			req.AddCookie(c)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	login := func() *http.Cookie {
		resp := call(srv, "POST", "/api/login", `{"login":"acme","password":"acme-password"}`, nil)
		if resp.StatusCode != 200 || len(resp.Cookies()) != 1 {
			t.Fatalf("login: %d", resp.StatusCode)
		}
		return resp.Cookies()[0]
	}
	used, idle := login(), login()
	for range 4 { // 4 × 2 h 30 = 10 h, used all along
		now = now.Add(150 * time.Minute)
		if resp := call(srv, "GET", "/api/me", "", used); resp.StatusCode != 200 {
			t.Fatalf("a session in use answered %d after %v", resp.StatusCode, 150*time.Minute)
		}
	}
	if resp := call(srv, "GET", "/api/me", "", idle); resp.StatusCode != 401 {
		t.Errorf("a session idle for 10 hours (more than %v) answered %d", auth.DefaultIdle, resp.StatusCode)
	}
	if resp := call(start(), "GET", "/api/me", "", used); resp.StatusCode != 200 {
		t.Errorf("after a restart the session in use answered %d", resp.StatusCode)
	}
}
