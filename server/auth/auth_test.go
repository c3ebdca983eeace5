package auth

import (
	"crypto/tls"
	"errors"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"coffre/engine/account"
	"coffre/server/store"
)

func TestMain(m *testing.M) {
	Cost = bcrypt.MinCost
	m.Run()
}

type clock struct{ t time.Time }

func (c *clock) now() time.Time { return c.t }

func newStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "data"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestAdminFirstStartAndPasswordChange(t *testing.T) {
	st := newStore(t)
	pw, err := EnsureAdmin(st)
	if err != nil || len(pw) < 20 {
		t.Fatalf("one-time password %q, %v", pw, err)
	}
	if again, _ := EnsureAdmin(st); again != "" {
		t.Error("a second start printed another password")
	}
	if _, err := Check(st, "admin", pw); err != nil {
		t.Fatalf("the one-time password does not log in: %v", err)
	}
	before, _ := st.User("admin")
	if err := SetPassword(st, "admin", "correct horse"); err != nil {
		t.Fatal(err)
	}
	after, _ := st.User("admin")
	if _, err := Check(st, "admin", pw); !errors.Is(err, ErrLoginFailed) {
		t.Error("the old password still logs in")
	}
	if _, err := Check(st, "admin", "correct horse"); err != nil {
		t.Errorf("new password: %v", err)
	}
	if after.Changed.Equal(before.Changed) {
		t.Error("the password stamp did not move: older sessions would survive")
	}
}

func TestCheckNeverSaysWhichPartFailed(t *testing.T) {
	st := newStore(t)
	st.AddClient(account.Client{Login: "acme", Name: "Acme"})
	if err := SetPassword(st, "acme", "acme-password"); err != nil {
		t.Fatal(err)
	}
	for _, c := range [][2]string{{"acme", "wrong"}, {"nobody", "acme-password"}, {"", ""}, {"acme", ""}} {
		if _, err := Check(st, c[0], c[1]); err != ErrLoginFailed {
			t.Errorf("Check(%q, %q) = %v, want ErrLoginFailed", c[0], c[1], err)
		}
	}
	u, err := Check(st, "acme", "acme-password")
	if err != nil || u.Role != store.RoleClient || u.Client != "acme" {
		t.Errorf("client login = %+v, %v", u, err)
	}
	if err := SetPassword(st, "ghost", "whatever-pw"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("password for an unknown client: %v", err)
	}
}

func TestValidatePassword(t *testing.T) {
	for pw, ok := range map[string]bool{"12345678": true, "1234567": false, "two\nlines": false,
		string(make([]byte, 73)): false, "longer passphrase with spaces": true} {
		if (ValidatePassword(pw) == nil) != ok {
			t.Errorf("ValidatePassword(%q) ok = %v", pw, !ok)
		}
	}
}

func TestLimiterBlocksAfterFiveFailuresAMinute(t *testing.T) {
	c := &clock{time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	l := NewLimiter(c.now, 5, time.Minute)
	for i := range 5 {
		if ok, _ := l.Allowed("ip:1", "login:admin"); !ok {
			t.Fatalf("refused after %d failures", i)
		}
		l.Fail("ip:1", "login:admin")
		c.t = c.t.Add(time.Second)
	}
	if ok, retry := l.Allowed("ip:2", "login:admin"); ok || retry != 55*time.Second {
		t.Errorf("login admin from another IP: ok %v retry %v, want refused for 55s", ok, retry)
	}
	if ok, _ := l.Allowed("ip:1", "login:acme"); ok {
		t.Error("the same IP on another login is allowed")
	}
	if ok, _ := l.Allowed("ip:2", "login:acme"); !ok {
		t.Error("an unrelated IP and login are refused")
	}
	c.t = c.t.Add(55 * time.Second)
	if ok, _ := l.Allowed("ip:1", "login:admin"); !ok {
		t.Error("still refused once the window has passed")
	}
}

func TestLimiterMemoryIsBounded(t *testing.T) {
	c := &clock{time.Unix(0, 0)}
	l := NewLimiter(c.now, 5, time.Minute)
	l.MaxKeys = 100
	for i := range 1000 {
		l.Fail(string(rune(i)))
	}
	if len(l.fails) > 100 {
		t.Errorf("%d keys kept, want at most 100", len(l.fails))
	}
}

func TestCookieFlags(t *testing.T) {
	for _, tlsOn := range []bool{false, true} {
		r := httptest.NewRequest("POST", "/api/login", nil)
		if tlsOn {
			r.TLS = &tls.ConnectionState{}
		}
		w := httptest.NewRecorder()
		SetCookie(w, r, "id", time.Now().Add(time.Hour))
		c := w.Result().Cookies()[0]
		if c.Name != CookieName || !c.HttpOnly || c.SameSite != http.SameSiteStrictMode || c.Path != "/" || c.Secure != tlsOn {
			t.Errorf("TLS %v: cookie %+v", tlsOn, c)
		}
	}
}
