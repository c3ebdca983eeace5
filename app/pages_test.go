package app

import (
	"strings"
	"testing"
	"time"

	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Demo-like accounts: one with every right, one that may back up its websites only.
var (
	fullAccount = account.Account{
		Client:        account.Client{Login: "acme", Name: "Alice Martin", Company: "Acme Corp", Email: "alice@acme.example", Rights: account.AllRights},
		Subscriptions: []account.Subscription{{Domain: "acme.example", Client: "acme", Root: "/var/www/vhosts/acme.example"}},
		Domains:       []account.Domain{{Name: "acme.example", Subscription: "acme.example", DocRoot: "httpdocs"}, {Name: "shop.acme.example", Subscription: "acme.example", DocRoot: "shop"}},
	}
	restrictedAccount = account.Account{
		Client:        account.Client{Login: "beta", Name: "Bruno Petit", Company: "Beta SARL", Rights: account.Rights{ServerStorage: true, Restore: true}},
		Subscriptions: []account.Subscription{{Domain: "beta.example", Client: "beta", Root: "/var/www/vhosts/beta.example"}},
		Domains:       []account.Domain{{Name: "beta.example", Subscription: "beta.example", DocRoot: "httpdocs"}},
	}
	adminSession  = remote[account.Me]{Status: loaded, Data: account.Me{Login: "admin", Role: "admin"}}
	clientSession = remote[account.Me]{Status: loaded, Data: account.Me{Login: "beta", Role: "client", Client: "beta"}}
)

// render mounts a page as the server pre-renders it and returns its HTML.
func render(t *testing.T, c app.UI) string {
	t.Helper()
	d := app.NewServerTester(c)
	defer d.Close()
	return app.HTMLString(c)
}

// section returns the HTML from the first occurrence of start to the next occurrence of end
// (or the end of the page); it fails the test when start is missing.
func section(t *testing.T, html, start, end string) string {
	t.Helper()
	i := strings.Index(html, start)
	if i < 0 {
		t.Fatalf("no %q in the page", start)
	}
	rest := html[i+len(start):]
	if j := strings.Index(rest, end); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

func mustContain(t *testing.T, where, html string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		// French wants may be written with plain spaces: the page has the typographic ones.
		if !strings.Contains(html, w) && !strings.Contains(html, frenchSpaces.Replace(w)) {
			t.Errorf("%s: no %q in\n%s", where, w, html)
		}
	}
}

func accountPageWith(lang string, me remote[account.Me], a account.Account) *accountPage {
	p := &accountPage{}
	p.lang, p.me = lang, me
	p.login, p.acct = a.Client.Login, remote[account.Account]{Status: loaded, Data: a}
	return p
}

// The restricted client's Account page: Back Up Account and Websites disabled with the reason,
// Back Up Websites enabled; the banner names the client.
func TestAccountPageRestrictedClient(t *testing.T) {
	html := render(t, accountPageWith(langEN, adminSession, restrictedAccount))
	banner := section(t, html, `class="banner"`, `</div>`)
	mustContain(t, "banner", banner, "You are managing the Customer Panel of Beta SARL (beta).", "Back to Clients")
	mustHaveElement(t, "banner", banner, "a", "href", "/clients")
	acct := section(t, html, `data-choice="account"`, `data-choice=`)
	mustContain(t, "account choice", acct, "Back Up Account and Websites",
		"Your provider does not allow backing up the account: only websites can be backed up.")
	mustHaveElement(t, "account choice", acct, "button", "disabled", "*", "aria-describedby", "reason-account")
	mustHaveElement(t, "account choice", acct, "p", "id", "reason-account")
	webs := section(t, html, `data-choice="websites"`, `</main>`)
	mustContain(t, "websites choice", webs, "Back Up Websites")
	mustHaveElement(t, "websites choice", webs, "a", "href", "/customer/beta/backup?scope=websites")
	if strings.Contains(webs, "disabled") {
		t.Errorf("Back Up Websites is disabled for a client with the server storage right:\n%s", webs)
	}
}

func TestAccountPageInFrench(t *testing.T) {
	html := render(t, accountPageWith(langFR, adminSession, restrictedAccount))
	mustContain(t, "page", html, "Vous gérez le Panneau Client de Beta SARL (beta).", "Retour aux Clients",
		"Sauvegarder le compte et les sites Web", "Sauvegarder les sites Web", "Sites Web &amp; Domaines",
		"Gestionnaire de sauvegardes", "Votre fournisseur ne permet pas de sauvegarder le compte : seuls les sites Web peuvent être sauvegardés.")
}

func TestAccountPageFullRights(t *testing.T) {
	html := render(t, accountPageWith(langEN, adminSession, fullAccount))
	mustHaveElement(t, "account choice", section(t, html, `data-choice="account"`, `data-choice=`),
		"a", "href", "/customer/acme/backup?scope=account")
	if strings.Contains(html, "disabled") || strings.Contains(html, "reason-") {
		t.Errorf("a client with every right sees a disabled choice:\n%s", html)
	}
}

// A client in its own panel sees no banner and no way to the Clients list.
func TestAccountPageForTheClientItself(t *testing.T) {
	html := render(t, accountPageWith(langEN, clientSession, restrictedAccount))
	if strings.Contains(html, `class="banner"`) || strings.Contains(html, `href="/clients"`) {
		t.Errorf("a client's own panel shows the administrator's banner:\n%s", html)
	}
	mustHaveElement(t, "nav", html, "a", "href", "/customer/beta/account", "aria-current", "page")
}

func TestAccountPageStates(t *testing.T) {
	tests := []struct {
		name  string
		acct  remote[account.Account]
		wants []string
		retry bool
	}{
		{"loading", remote[account.Account]{Status: loading}, []string{"Loading…"}, false},
		{"not found", remote[account.Account]{Status: failed, Err: &failure{HTTPStatus: 404, Problem: account.Problem{Code: "not_found"}}},
			[]string{"No such client", "There is no client with the login acme, or you may not see it.", "Back to Clients"}, false},
		{"server down", remote[account.Account]{Status: failed, Err: &failure{Problem: account.Problem{Code: "network"}}},
			[]string{"The server cannot be reached."}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &accountPage{}
			p.lang, p.me, p.login, p.acct = langEN, adminSession, "acme", tt.acct
			html := render(t, p)
			mustContain(t, tt.name, html, tt.wants...)
			if tt.acct.Status == failed && tt.acct.Err.HTTPStatus != 404 {
				mustHaveElement(t, tt.name, html, "div", "role", "alert")
			}
			if strings.Contains(html, "You are managing") != (tt.acct.Status != failed || tt.acct.Err.HTTPStatus != 404) {
				t.Errorf("%s: the banner claims to manage a client that does not exist, or is missing", tt.name)
			}
			if got := strings.Contains(html, "Try again"); got != tt.retry {
				t.Errorf("Try again shown: %v, want %v", got, tt.retry)
			}
		})
	}
}

func TestClientsPage(t *testing.T) {
	last := time.Date(2026, 11, 24, 22, 5, 0, 0, time.UTC)
	p := &clientsPage{}
	p.lang, p.me = langEN, adminSession
	p.clients = remote[[]account.ClientSummary]{Status: loaded, Data: []account.ClientSummary{
		{Login: "acme", Name: "Alice Martin", Company: "Acme Corp", Subscriptions: 1, Domains: 2, LastBackup: &last},
		{Login: "beta", Name: "Bruno Petit", Company: "Beta SARL", Subscriptions: 1, Domains: 1},
	}}
	html := render(t, p)
	mustContain(t, "table", html, "<th", "Name", "Company", "Login", "Subscriptions", "Domains", "Last backup",
		">Alice Martin<", "Nov 24, 2026 22:05", "Never")
	mustHaveElement(t, "table", html, "a", "href", "/clients/acme")
	mustHaveElement(t, "table", html, "td", "data-label", "Last backup")
}

func TestClientPageTabs(t *testing.T) {
	p := &clientPage{}
	p.lang, p.me, p.login = langEN, adminSession, "acme"
	p.acct = remote[account.Account]{Status: loaded, Data: fullAccount}
	html := render(t, p)
	mustContain(t, "domains tab", html, "shop.acme.example")
	mustHaveElement(t, "domains tab", html, "a", "href", "/clients/acme", "aria-current", "page")
	mustHaveElement(t, "domains tab", html, "button", "aria-label", "Actions for shop.acme.example", "aria-haspopup", "menu")

	p = &clientPage{tab: "subscriptions"}
	p.lang, p.me, p.login = langFR, adminSession, "acme"
	p.acct = remote[account.Account]{Status: loaded, Data: fullAccount}
	html = render(t, p)
	mustContain(t, "subscriptions tab", html, "/var/www/vhosts/acme.example", ">Domaines<", ">Abonnements<")
	mustHaveElement(t, "subscriptions tab", html, "a", "href", "/clients/acme?tab=subscriptions", "aria-current", "page")
	mustHaveElement(t, "subscriptions tab", html, "button", "aria-label", "Actions pour acme.example")
}

func TestRowMenuOpens(t *testing.T) {
	m := &rowMenu{Label: "Actions for acme.example", Items: []menuItem{{Href: "/customer/acme", Text: "Manage in Customer Panel"}}}
	if html := render(t, m); strings.Contains(html, "Manage in Customer Panel") || !hasElement(html, "button", "aria-expanded", "false") {
		t.Errorf("closed menu:\n%s", html)
	}
	m = &rowMenu{Label: "Actions for acme.example", Items: m.Items, open: true}
	html := render(t, m)
	// go-app writes a true attribute bare in pre-rendered HTML; the browser gets "true".
	mustHaveElement(t, "open menu", html, "button", "aria-expanded", "")
	mustHaveElement(t, "open menu", html, "ul", "role", "menu")
	mustHaveElement(t, "open menu", html, "a", "role", "menuitem", "href", "/customer/acme")
	mustContain(t, "open menu", html, ">Manage in Customer Panel</a>")
}

func TestWebsitesPageLeadsToBackupManager(t *testing.T) {
	p := &websitesPage{}
	p.lang, p.me, p.login = langEN, adminSession, "acme"
	p.acct = remote[account.Account]{Status: loaded, Data: fullAccount}
	html := render(t, p)
	mustContain(t, "page", html, "Backup Manager", "acme.example", "shop.acme.example", "httpdocs")
	mustHaveElement(t, "page", html, "a", "href", "/customer/acme/backups")
}

func TestBackupManagerEmptyState(t *testing.T) {
	p := &backupsPage{}
	p.lang, p.me, p.login = langFR, adminSession, "beta"
	p.acct = remote[account.Account]{Status: loaded, Data: restrictedAccount}
	p.backups = remote[[]backupEntry]{Status: loaded}
	html := render(t, p)
	mustContain(t, "page", html, "Aucune sauvegarde pour l&#39;instant", "Votre fournisseur ne permet pas de sauvegarder le compte")
	mustHaveElement(t, "page", html, "a", "href", "/customer/beta/backup?scope=websites")
}

// Every input of the login form has its label.
func TestLoginFormLabels(t *testing.T) {
	p := &loginPage{}
	p.lang = langFR
	html := render(t, p)
	mustContain(t, "form", html, ">Identifiant</label>", ">Mot de passe</label>", "Se connecter")
	mustHaveElement(t, "form", html, "label", "for", "login")
	mustHaveElement(t, "form", html, "label", "for", "password")
	mustHaveElement(t, "form", html, "input", "id", "login", "autocomplete", "username")
	mustHaveElement(t, "form", html, "input", "id", "password", "type", "password", "autocomplete", "current-password")
	if hasElement(html, "button", "disabled", "*") {
		t.Errorf("the login button is disabled before any attempt:\n%s", html)
	}
}
