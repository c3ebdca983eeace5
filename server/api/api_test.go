package api

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"coffre/engine/account"
	"coffre/engine/storage"
	"coffre/server/auth"
	"coffre/server/jobs"
	"coffre/server/keys"
	"coffre/server/notify"
	"coffre/server/scheduler"
	"coffre/server/store"
	"coffre/server/tasks"
)

func TestMain(m *testing.M) {
	auth.Cost = bcrypt.MinCost
	os.Exit(m.Run())
}

// site is an API over a store with the administrator and two clients, acme and bob, each able
// to log in with "<login>-password".
type site struct {
	t      *testing.T
	srv    *httptest.Server
	st     *store.Store
	runner *tasks.Runner
	jobs   *jobs.Jobs
	roots  map[string]string // webspace root by login
	logs   *syncBuffer       // what the API logged
	// failPuts, once set, makes every write to a server storage fail (a full disk).
	failPuts *atomic.Bool
}

// syncBuffer is a buffer that handlers may write to at the same time.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func newSite(t *testing.T) *site {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "data"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	hosts := t.TempDir()
	roots := map[string]string{}
	for _, login := range []string{"acme", "bob"} {
		root := filepath.Join(hosts, login+".example")
		os.Mkdir(root, 0o755)
		roots[login] = root
		_, err1 := st.AddClient(account.Client{Login: login, Name: strings.ToUpper(login), Lang: "fr", Rights: account.AllRights})
		_, err2 := st.AddSubscription(account.Subscription{Domain: login + ".example", Client: login, Root: root}, "")
		if err := firstErr(err1, err2, auth.SetPassword(st, login, login+"-password")); err != nil {
			t.Fatal(err)
		}
	}
	if err := auth.SetPassword(st, "admin", "admin-password"); err != nil {
		t.Fatal(err)
	}
	k, err := keys.Load(st.Dir())
	if err != nil {
		t.Fatal(err)
	}
	var j *jobs.Jobs
	failPuts := &atomic.Bool{}
	var opts jobs.Options
	if serverStorageOnly { // the server storage only, whose writes can be made to fail
		opts.OpenStorage = func(login, kind string) (storage.Storage, error) {
			st, err := j.ServerStorage(login)
			if err != nil || !failPuts.Load() {
				return st, err
			}
			return failingPuts{st}, nil
		}
	}
	j = jobs.New(st, k, opts)
	r, err := tasks.New(st, tasks.Options{Exec: j.Exec, Cleanup: j.Cleanup, Notify: notify.Notifier(st, k),
		Poll: 20 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	srv := httptest.NewServer(New(Config{Store: st, Jobs: j, Tasks: r, Keys: k, Log: log,
		Schedules: scheduler.New(st, r, j, scheduler.Options{})}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { r.Close(context.Background()) })
	return &site{t: t, srv: srv, st: st, runner: r, jobs: j, roots: roots, logs: logs, failPuts: failPuts}
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

type reply struct {
	status int
	body   string
	cookie *http.Cookie
}

// do sends a request as the panel would (same origin), with the session cookie if given.
func (s *site) do(method, path, body string, cookie *http.Cookie, header ...string) reply {
	s.t.Helper()
	req, _ := http.NewRequest(method, s.srv.URL+path, strings.NewReader(body))
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	if cookie != nil {
		req.AddCookie(cookie)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	r := reply{status: res.StatusCode, body: string(b)}
	for _, c := range res.Cookies() {
		if c.Name == auth.CookieName {
			r.cookie = c
		}
	}
	return r
}

func (s *site) login(login string) *http.Cookie {
	s.t.Helper()
	r := s.do("POST", "/api/login", `{"login":"`+login+`","password":"`+login+`-password"}`, nil)
	if r.status != 200 || r.cookie == nil {
		s.t.Fatalf("login %s: %d %s", login, r.status, r.body)
	}
	return r.cookie
}

func problem(t *testing.T, r reply) account.Problem {
	t.Helper()
	var p account.Problem
	if err := json.Unmarshal([]byte(r.body), &p); err != nil || p.Code == "" || p.Error == "" {
		t.Fatalf("not a Problem: %d %q", r.status, r.body)
	}
	return p
}

func TestLogin(t *testing.T) {
	s := newSite(t)
	wrongPassword := s.do("POST", "/api/login", `{"login":"admin","password":"nope"}`, nil)
	unknownLogin := s.do("POST", "/api/login", `{"login":"nobody","password":"admin-password"}`, nil)
	for _, r := range []reply{wrongPassword, unknownLogin} {
		if p := problem(t, r); r.status != 401 || p.Code != "login_failed" || r.cookie != nil {
			t.Errorf("wrong login: %d %+v", r.status, p)
		}
	}
	if wrongPassword.body != unknownLogin.body {
		t.Errorf("a wrong password and an unknown login answer differently: %q vs %q", wrongPassword.body, unknownLogin.body)
	}
	r := s.do("POST", "/api/login", `{"login":"admin","password":"admin-password"}`, nil)
	var me account.Me
	json.Unmarshal([]byte(r.body), &me)
	if r.status != 200 || me.Login != "admin" || me.Role != "admin" {
		t.Fatalf("login: %d %s", r.status, r.body)
	}
	c := r.cookie
	if c == nil || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" || c.Secure || len(c.Value) < 43 {
		t.Errorf("cookie = %+v", c)
	}
	if r := s.do("GET", "/api/me", "", c); r.status != 200 || !strings.Contains(r.body, `"role":"admin"`) {
		t.Errorf("me: %d %s", r.status, r.body)
	}
}

func TestClientLoginSeesItsLanguage(t *testing.T) {
	s := newSite(t)
	r := s.do("GET", "/api/me", "", s.login("acme"))
	if !strings.Contains(r.body, `"client":"acme"`) || !strings.Contains(r.body, `"lang":"fr"`) {
		t.Errorf("me = %s", r.body)
	}
}

func TestLoginRateLimit(t *testing.T) {
	s := newSite(t)
	for range 5 {
		if r := s.do("POST", "/api/login", `{"login":"admin","password":"guess"}`, nil); r.status != 401 {
			t.Fatalf("failure: %d", r.status)
		}
	}
	r := s.do("POST", "/api/login", `{"login":"admin","password":"admin-password"}`, nil)
	if p := problem(t, r); r.status != 429 || p.Code != "rate_limited" || r.cookie != nil {
		t.Errorf("sixth attempt: %d %+v, want 429 rate_limited even with the right password", r.status, p)
	}
}

func TestSessionEnds(t *testing.T) {
	s := newSite(t)
	loggedOut, changed := s.login("admin"), s.login("acme")
	if r := s.do("POST", "/api/logout", "", loggedOut); r.status != 204 {
		t.Fatalf("logout: %d", r.status)
	}
	auth.SetPassword(s.st, "acme", "a-new-password")
	for name, c := range map[string]*http.Cookie{"none": nil, "logged out": loggedOut, "password changed": changed,
		"forged": {Name: auth.CookieName, Value: strings.Repeat("A", 43)}} {
		r := s.do("GET", "/api/me", "", c)
		if p := problem(t, r); r.status != 401 || p.Code != "unauthenticated" {
			t.Errorf("%s: %d %+v", name, r.status, p)
		}
	}
}

func TestClientPages(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	r := s.do("GET", "/api/clients", "", admin)
	var list []account.ClientSummary
	if err := json.Unmarshal([]byte(r.body), &list); err != nil || len(list) != 2 || list[0].Subscriptions != 1 || list[0].Domains != 1 {
		t.Fatalf("clients: %d %s", r.status, r.body)
	}
	r = s.do("GET", "/api/clients/acme", "", admin)
	var a account.Account
	if err := json.Unmarshal([]byte(r.body), &a); err != nil || a.Client.Login != "acme" || len(a.Subscriptions) != 1 {
		t.Fatalf("account: %d %s", r.status, r.body)
	}
	r = s.do("GET", "/api/clients/nobody", "", admin)
	if p := problem(t, r); r.status != 404 || p.Code != "not_found" {
		t.Errorf("unknown client: %d %+v", r.status, p)
	}
}

// Client bob's session on acme's objects gets what a missing client gets: nothing leaks.
func TestAnotherClientsObjectsAreNotFound(t *testing.T) {
	s := newSite(t)
	bob := s.login("bob")
	missing := s.do("GET", "/api/clients/nobody", "", bob)
	for _, path := range []string{"/api/clients/acme", "/api/clients/acme2", "/api/clients/a%2Fb", "/api/clients/ACME", "/api/clients/acme%00"} {
		r := s.do("GET", path, "", bob)
		if r.status != 404 || r.body != missing.body {
			t.Errorf("bob GET %s: %d %s, want the body of a missing client", path, r.status, r.body)
		}
	}
	if r := s.do("GET", "/api/clients/bob", "", bob); r.status != 200 {
		t.Errorf("bob on itself: %d", r.status)
	}
	if r := s.do("GET", "/api/clients", "", bob); r.status != 403 || problem(t, r).Code != "forbidden" {
		t.Errorf("bob lists clients: %d %s", r.status, r.body)
	}
}

func TestCrossOriginPostRefused(t *testing.T) {
	s := newSite(t)
	body := `{"login":"admin","password":"admin-password"}`
	for name, h := range map[string][]string{
		"cross-site fetch": {"Sec-Fetch-Site", "cross-site"},
		"same-site fetch":  {"Sec-Fetch-Site", "same-site"},
		"old browser":      {"Sec-Fetch-Site", "", "Origin", "http://evil.example"},
	} {
		r := s.do("POST", "/api/login", body, nil, h...)
		if p := problem(t, r); r.status != 403 || p.Code != "cross_origin" || r.cookie != nil {
			t.Errorf("%s: %d %+v", name, r.status, p)
		}
	}
	own := "http://" + strings.TrimPrefix(s.srv.URL, "http://")
	if r := s.do("POST", "/api/login", body, nil, "Sec-Fetch-Site", "", "Origin", own); r.status != 200 {
		t.Errorf("same origin without Sec-Fetch-Site: %d %s", r.status, r.body)
	}
}

func TestBadRequests(t *testing.T) {
	s := newSite(t)
	tests := []struct {
		method, path, body, ctype string
		status                    int
	}{
		{"POST", "/api/login", `login=admin`, "application/x-www-form-urlencoded", 415},
		{"POST", "/api/login", `{"login":`, "application/json", 400},
		{"POST", "/api/login", `{} {}`, "application/json", 400},
		{"GET", "/api/nothing", "", "", 404},
	}
	for _, tt := range tests {
		r := s.do(tt.method, tt.path, tt.body, nil, "Content-Type", tt.ctype)
		if r.status != tt.status {
			t.Errorf("%s %s %q: %d, want %d", tt.method, tt.path, tt.body, r.status, tt.status)
		}
		problem(t, r)
	}
}
