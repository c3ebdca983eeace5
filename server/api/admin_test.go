package api

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coffre/engine/account"
	"coffre/engine/spec"
	"coffre/server/auth"
	"coffre/server/lock"
	"coffre/server/store"
	"coffre/server/tasks"
)

// wantProblem checks that r is a refusal with that status, code and field.
func wantProblem(t *testing.T, what string, r reply, status int, code, field string) {
	t.Helper()
	p := problem(t, r)
	if r.status != status || p.Code != code || p.Field != field {
		t.Errorf("%s: %d %+v, want %d %s on %q", what, r.status, p, status, code, field)
	}
}

// The administrator's client form is checked as `coffre client add` is: each bad field is
// named with its code, and nothing is stored.
func TestAddClientRefusesWhatTheCLIRefuses(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	cases := []struct {
		body, code, field string
		status            int
	}{
		{`{"login":"Not Valid","name":"X"}`, store.CodeInvalidLogin, "login", 400},
		{`{"login":"admin","name":"X"}`, store.CodeReservedLogin, "login", 400},
		{`{"login":"carol","name":"  "}`, store.CodeRequired, "name", 400},
		{`{"login":"carol","name":"Carol","email":"carol@"}`, store.CodeInvalidEmail, "email", 400},
		{`{"login":"carol","name":"Carol","lang":"de"}`, store.CodeInvalidLang, "lang", 400},
		{`{"login":"carol","name":"Carol","password":"short"}`, "invalid_password", "password", 400},
		{`{"login":"acme","name":"Again"}`, store.CodeExists, "client", 409},
	}
	for _, c := range cases {
		wantProblem(t, c.body, s.do("POST", "/api/clients", c.body, admin), c.status, c.code, c.field)
	}
	if _, err := s.st.Client("carol"); err == nil {
		t.Errorf("a refused client was stored")
	}
	if r := s.do("POST", "/api/clients", `{"login":"carol","name":"Carol"}`, s.login("acme")); r.status != 403 {
		t.Errorf("a client adds a client: %d %s", r.status, r.body)
	}
}

func TestAdministratorManagesAClient(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	r := s.do("POST", "/api/clients", `{"login":"carol","name":"Carol","email":"carol@example.com","lang":"fr",
		"rights":{"serverStorage":true,"restore":true},"password":"carol-password"}`, admin)
	c := decodeAs[account.Client](t, r)
	if r.status != 201 || c.Rights != (account.Rights{ServerStorage: true, Restore: true}) || c.Lang != "fr" {
		t.Fatalf("add: %d %s", r.status, r.body)
	}
	carol := s.login("carol")
	if r := s.do("PUT", "/api/clients/carol", `{"name":"Carol D.","lang":"en","rights":{"ftpStorage":true}}`, carol); r.status != 403 {
		t.Errorf("the client edits itself: %d", r.status)
	}
	r = s.do("PUT", "/api/clients/carol", `{"name":"Carol D.","email":"bad address","rights":{"ftpStorage":true}}`, admin)
	wantProblem(t, "edit with a bad e-mail", r, 400, store.CodeInvalidEmail, "email")
	r = s.do("PUT", "/api/clients/carol", `{"name":"Carol D.","rights":{"ftpStorage":true}}`, admin)
	if c := decodeAs[account.Client](t, r); r.status != 200 || c.Name != "Carol D." || c.Rights != (account.Rights{FTPStorage: true}) || c.Lang != "fr" {
		t.Errorf("edit: %d %s", r.status, r.body)
	}

	root := filepath.Join(t.TempDir(), "carol.example")
	os.MkdirAll(filepath.Join(root, "mail"), 0o755)
	wantProblem(t, "relative root", s.do("POST", "/api/clients/carol/subscriptions", `{"domain":"carol.example","root":"carol"}`, admin),
		400, store.CodeNotAbsolute, "root")
	wantProblem(t, "another's root", s.do("POST", "/api/clients/carol/subscriptions", `{"domain":"carol.example","root":"`+s.roots["acme"]+`"}`, admin),
		400, store.CodeRootOverlap, "root")
	wantProblem(t, "bad domain", s.do("POST", "/api/clients/carol/subscriptions", `{"domain":"carol","root":"`+root+`"}`, admin),
		400, store.CodeInvalidDomain, "domain")
	if r := s.do("POST", "/api/clients/carol/subscriptions", `{"domain":"Carol.Example.","root":"`+root+`"}`, admin); r.status != 201 {
		t.Fatalf("subscription: %d %s", r.status, r.body)
	}
	if r := s.do("POST", "/api/clients/carol/domains", `{"name":"www.acme.example","subscription":"acme.example"}`, admin); r.status != 404 {
		t.Errorf("a domain on another client's subscription: %d %s", r.status, r.body)
	}
	if r := s.do("POST", "/api/clients/carol/domains", `{"name":"shop.carol.example","subscription":"carol.example","docroot":"shop"}`, admin); r.status != 201 {
		t.Errorf("domain: %d %s", r.status, r.body)
	}
	wantProblem(t, "mailbox of another domain", s.do("POST", "/api/clients/carol/mailboxes",
		`{"address":"me@acme.example","subscription":"carol.example","maildir":"`+root+`/mail"}`, admin), 400, store.CodeWrongSubDomain, "address")
	if r := s.do("POST", "/api/clients/carol/mailboxes", `{"address":"me@shop.carol.example","subscription":"carol.example","maildir":"`+root+`/mail"}`, admin); r.status != 201 {
		t.Errorf("mailbox: %d %s", r.status, r.body)
	}
	wantProblem(t, "the main domain alone", s.do("DELETE", "/api/clients/carol/domains/carol.example", "", admin), 400, store.CodeMainDomain, "name")
	if r := s.do("DELETE", "/api/clients/carol/domains/acme.example", "", admin); r.status != 404 {
		t.Errorf("carol deletes acme's domain: %d", r.status)
	}
	if r := s.do("DELETE", "/api/clients/carol/subscriptions/carol.example", "", admin); r.status != 204 {
		t.Fatalf("delete subscription: %d %s", r.status, r.body)
	}
	a, _ := s.st.Account("carol")
	if len(a.Subscriptions)+len(a.Domains)+len(a.Mailboxes) != 0 {
		t.Errorf("the subscription's objects stayed: %+v", a)
	}
	if _, err := os.Stat(root); err != nil {
		t.Errorf("deleting a subscription touched its webspace: %v", err)
	}
	if r := s.do("DELETE", "/api/clients/carol", "", admin); r.status != 204 {
		t.Fatalf("delete client: %d %s", r.status, r.body)
	}
	if r := s.do("POST", "/api/login", `{"login":"carol","password":"carol-password"}`, nil); r.status != 401 {
		t.Errorf("a deleted client still logs in: %d", r.status)
	}
	if r := s.do("GET", "/api/me", "", carol); r.status != 401 {
		t.Errorf("a deleted client's session still works: %d", r.status)
	}
}

func TestOwnPasswordChange(t *testing.T) {
	s := newSite(t)
	acme := s.login("acme")
	wantProblem(t, "wrong current", s.do("PUT", "/api/me/password", `{"current":"nope","password":"acme-password-2"}`, acme),
		400, auth.CodeWrongPassword, "current")
	wantProblem(t, "same", s.do("PUT", "/api/me/password", `{"current":"acme-password","password":"acme-password"}`, acme),
		400, auth.CodeSamePassword, "password")
	wantProblem(t, "short", s.do("PUT", "/api/me/password", `{"current":"acme-password","password":"short"}`, acme),
		400, "invalid_password", "password")
	r := s.do("PUT", "/api/me/password", `{"current":"acme-password","password":"acme-password-2"}`, acme)
	if r.status != 200 || r.cookie == nil {
		t.Fatalf("change: %d %s", r.status, r.body)
	}
	if old := s.do("GET", "/api/me", "", acme); old.status != 401 {
		t.Errorf("the session of the old password lives on: %d", old.status)
	}
	if now := s.do("GET", "/api/clients/acme", "", r.cookie); now.status != 200 {
		t.Errorf("the new session: %d", now.status)
	}
	if r := s.do("POST", "/api/login", `{"login":"acme","password":"acme-password-2"}`, nil); r.status != 200 {
		t.Errorf("login with the new password: %d", r.status)
	}
}

// The one-time password of the first start opens a session that may only change it.
func TestOneTimePasswordMustBeChanged(t *testing.T) {
	s := newSite(t)
	u, _ := s.st.User("admin")
	u.MustChange = true
	if err := s.st.PutUser(u); err != nil {
		t.Fatal(err)
	}
	admin := s.login("admin")
	if me := decodeAs[account.Me](t, s.do("GET", "/api/me", "", admin)); !me.MustChange {
		t.Errorf("/api/me does not say the password must change: %+v", me)
	}
	for _, path := range []string{"/api/clients", "/api/clients/acme", "/api/tasks"} {
		wantProblem(t, path, s.do("GET", path, "", admin), 403, CodeMustChange, "")
	}
	r := s.do("PUT", "/api/me/password", `{"current":"admin-password","password":"admin-password-2"}`, admin)
	if me := decodeAs[account.Me](t, r); r.status != 200 || me.MustChange {
		t.Fatalf("change: %d %s", r.status, r.body)
	}
	if r := s.do("GET", "/api/clients", "", r.cookie); r.status != 200 {
		t.Errorf("after the change: %d %s", r.status, r.body)
	}
}

func TestClientsPageAndSearch(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	r := s.do("GET", "/api/clients?q=BO&limit=1", "", admin)
	list := decodeAs[[]account.ClientSummary](t, r)
	if len(list) != 1 || list[0].Login != "bob" || list[0].Subscriptions != 1 {
		t.Errorf("search bo: %s", r.body)
	}
	r = s.do("GET", "/api/clients?offset=1&limit=1", "", admin)
	if list := decodeAs[[]account.ClientSummary](t, r); len(list) != 1 || list[0].Login != "bob" {
		t.Errorf("second page: %s", r.body)
	}
	for _, q := range []string{"limit=0", "limit=501", "offset=-1", "limit=x"} {
		if r := s.do("GET", "/api/clients?"+q, "", admin); r.status != 400 || !strings.Contains(r.body, "bad_request") {
			t.Errorf("%s: %d %s", q, r.status, r.body)
		}
	}
}

func TestAdministratorDeletesADatabase(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	if r := s.do("PUT", "/api/clients/acme/databases/acme.example/shop", `{"engine":"postgres","user":"shop","password":"secret"}`, admin); r.status != 200 {
		t.Fatalf("add: %d %s", r.status, r.body)
	}
	if r := s.do("DELETE", "/api/clients/bob/databases/acme.example/shop", "", admin); r.status != 404 {
		t.Errorf("through another client: %d", r.status)
	}
	if r := s.do("DELETE", "/api/clients/acme/databases/acme.example/shop", "", s.login("acme")); r.status != 403 {
		t.Errorf("by the client: %d", r.status)
	}
	if r := s.do("DELETE", "/api/clients/acme/databases/acme.example/shop", "", admin); r.status != 204 {
		t.Fatalf("delete: %d %s", r.status, r.body)
	}
	if _, err := s.st.DatabasePassword("acme.example", "shop"); err == nil {
		t.Errorf("the database's sealed password stayed")
	}
	if r := s.do("DELETE", "/api/clients/acme/databases/acme.example/shop", "", admin); r.status != 404 {
		t.Errorf("again: %d", r.status)
	}
}

// A client with a task not over cannot be deleted: the task would run for nobody.
func TestClientWithALiveTaskIsNotDeleted(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	release, err := lock.TryClient(s.st.Dir(), "acme") // as another process backing acme up: the task waits
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	if _, err := s.runner.Submit(t.Context(), tasks.BackupRequest(spec.Backup{Client: "acme", Scope: spec.ScopeWebsites, Files: true, Storage: spec.StorageServer})); err != nil {
		t.Fatal(err)
	}
	r := s.do("DELETE", "/api/clients/acme", "", admin)
	wantProblem(t, "delete while a task runs", r, 409, "client_busy", "client")
	if _, err := s.st.Client("acme"); err != nil {
		t.Errorf("the client went: %v", err)
	}
}

// A stolen session cannot guess the password: wrong current passwords count as failed logins.
func TestGuessingTheCurrentPasswordIsLimited(t *testing.T) {
	s := newSite(t)
	acme := s.login("acme")
	for range 5 {
		s.do("PUT", "/api/me/password", `{"current":"guess","password":"acme-password-2"}`, acme)
	}
	wantProblem(t, "the sixth attempt", s.do("PUT", "/api/me/password", `{"current":"acme-password","password":"acme-password-2"}`, acme),
		429, "rate_limited", "")
	if r := s.do("POST", "/api/login", `{"login":"acme","password":"acme-password"}`, nil); r.status != 429 {
		t.Errorf("login after the guesses: %d", r.status)
	}
}
