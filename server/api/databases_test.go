package api

import (
	"net/http"
	"testing"

	"coffre/engine/account"
)

// The administrator declares a client's databases with their engine; the password is kept
// sealed, never shown, and kept when not given again.
func TestAdministratorEditsDatabases(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	put := func(path, body string) reply { return s.do("PUT", path, body, admin) }
	r := put("/api/clients/acme/databases/acme.example/shop", `{"engine":"postgres","host":"127.0.0.1","port":5433,"user":"shop","password":"pw-secret"}`)
	if r.status != http.StatusOK {
		t.Fatalf("add: %d %s", r.status, r.body)
	}
	if d := decodeAs[account.Database](t, r); !d.HasPassword || d.Port != 5433 || d.Engine != "postgres" {
		t.Errorf("saved %+v", d)
	}
	r = put("/api/clients/acme/databases/acme.example/shop", `{"engine":"postgres","host":"db.example","user":"shop"}`)
	if d := decodeAs[account.Database](t, r); !d.HasPassword || d.Host != "db.example" || d.Port != 5432 {
		t.Errorf("changed without a password: %+v", d)
	}
	sealed, _ := s.st.DatabasePassword("acme.example", "shop")
	if len(sealed) == 0 {
		t.Error("the password was not kept")
	}
	for _, body := range []string{`{"engine":"oracle"}`, `{"engine":"sqlite","path":"relative.db"}`, `{"engine":"postgres","port":70000}`} {
		if r := put("/api/clients/acme/databases/acme.example/shop", body); r.status != 400 {
			t.Errorf("%s: %d %s", body, r.status, r.body)
		}
	}
	if r := put("/api/clients/acme/databases/bob.example/x", `{"engine":"postgres"}`); r.status != 404 {
		t.Errorf("on another client's subscription: %d", r.status)
	}
	if r := put("/api/clients/acme/databases/acme.example/-x", `{"engine":"postgres"}`); r.status != 400 {
		t.Errorf("a bad name: %d %s", r.status, r.body)
	}
	a := decodeAs[account.Account](t, s.do("GET", "/api/clients/acme", "", admin))
	if len(a.Databases) != 1 || a.Databases[0].Name != "shop" {
		t.Errorf("account lists %+v", a.Databases)
	}
}
