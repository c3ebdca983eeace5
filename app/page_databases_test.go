package app

import (
	"strings"
	"testing"

	"coffre/engine/account"
)

// Under Websites & Domains each subscription lists its databases with their engine; the
// administrator edits them and adds more, a client only sees them.
func TestWebsitesListsDatabases(t *testing.T) {
	a := fullAccount
	a.Databases = []account.Database{
		{Name: "shop", Subscription: "acme.example", Engine: "postgres", Host: "localhost", Port: 5432, User: "shop", HasPassword: true},
		{Name: "blog", Subscription: "acme.example", Engine: "sqlite", Path: "/var/www/vhosts/acme.example/blog.sqlite"},
	}
	p := &websitesPage{}
	p.lang, p.me, p.login = langEN, adminSession, "acme"
	p.acct = remote[account.Account]{Status: loaded, Data: a}
	html := render(t, p)
	list := section(t, html, `id="databases-acme.example"`, `</table>`)
	mustContain(t, "databases", list, ">shop<", "PostgreSQL", "localhost:5432", "saved", ">blog<", "SQLite", "/var/www/vhosts/acme.example/blog.sqlite", "none")
	mustHaveElement(t, "databases", html, "button", "id", "db-edit-acme.example-shop")
	mustHaveElement(t, "databases", html, "button", "id", "db-add-acme.example")

	p.editing, p.isNew = &dbEdit{Login: "acme", Subscription: "acme.example", Name: "blog", Engine: "sqlite", Path: "/x.sqlite"}, false
	form := section(t, render(t, p), `id="db-form"`, `</form>`)
	mustHaveElement(t, "form", form, "input", "id", "db-path")
	if strings.Contains(form, `id="db-host"`) || strings.Contains(form, `id="db-name"`) {
		t.Errorf("a SQLite database's form asks for a server or a new name:\n%s", form)
	}
	p.editing, p.isNew = &dbEdit{Login: "acme", Subscription: "acme.example", Engine: "postgres"}, true
	form = section(t, render(t, p), `id="db-form"`, `</form>`)
	for _, id := range []string{"db-name", "db-host", "db-port", "db-user", "db-password"} {
		mustHaveElement(t, "form", form, "label", "for", id)
	}

	c := &websitesPage{}
	c.lang, c.me, c.login = langFR, clientSession, "acme"
	c.acct = remote[account.Account]{Status: loaded, Data: a}
	html = render(t, c)
	mustContain(t, "client", html, "Bases de données", ">shop<")
	if strings.Contains(html, "db-edit-") || strings.Contains(html, "db-add-") {
		t.Error("a client may edit databases")
	}
}
