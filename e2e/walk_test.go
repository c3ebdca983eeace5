package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// The demo host (server/demo): acme has every right; bistro may back up its websites only, on
// the server storage.
type demoClient struct {
	login, company string
	// what the Account page offers: the reason shown beside a disabled choice, "" when enabled
	accountReason, websitesReason string
}

var (
	acme   = demoClient{login: "acme", company: "Acme Corp"}
	bistro = demoClient{login: "bistro", company: "Bistro du Port",
		accountReason: "Your provider does not allow backing up the account: only websites can be backed up."}
	bistroFR = demoClient{login: "bistro", company: "Bistro du Port",
		accountReason: "Votre fournisseur ne permet pas de sauvegarder le compte\u202f: seuls les sites Web peuvent être sauvegardés."}
)

// words the walk looks for, per language.
type words struct{ manage, domains, subscriptions, account, banner, unavailable string }

var (
	english = words{"Manage in Customer Panel", "Domains", "Subscriptions", "Account", "You are managing the Customer Panel of", "Unavailable"}
	french  = words{"Gérer dans le Panneau Client", "Domaines", "Abonnements", "Compte", "Vous gérez le Panneau Client de", "Indisponible"}
)

// choice is one backup choice as the Account page shows it.
type choice struct {
	Scope   string `json:"scope"`
	Enabled bool   `json:"enabled"`
	Label   string `json:"label"`
	Reason  string `json:"reason"`
}

const readChoices = `[...document.querySelectorAll('main [data-choice]')].map(c => {
	const a = c.querySelector('.choice-action');
	const r = c.querySelector('.reason');
	return {scope: c.dataset.choice, enabled: a.tagName === 'A' && !a.disabled,
		label: a.textContent.trim(), reason: r ? r.textContent.trim() : ''};
})`

// walk follows steps 1 to 4 of docs/panel-flow.md from anywhere in the administrator's panel: Clients, the
// client's name, its Domains or Subscriptions tab, the right-most icon, Manage in Customer Panel,
// Account. It checks what the Account page offers and saves screenshots named prefix-*; with a
// width, it also checks at every step that the page does not scroll sideways.
func walk(t *testing.T, ctx context.Context, c demoClient, w words, bySubscriptions bool, prefix string, width int) {
	t.Helper()
	check := func(where string) {
		if width > 0 {
			noSideScroll(t, ctx, where, width)
		}
	}
	openClient(t, ctx, c, w, bySubscriptions, prefix, check)
	do(t, ctx, "step 3: Manage in Customer Panel", chromedp.Click(chromedp.CSS(`[role="menuitem"]`)), ready(`.banner`))
	banner := text(t, ctx, ".banner")
	must(t, strings.Contains(banner, w.banner) && strings.Contains(banner, c.company+" ("+c.login+")"),
		"banner reads %q, want %q and %q", banner, w.banner, c.company+" ("+c.login+")")

	do(t, ctx, "step 4: Account", chromedp.Click(chromedp.CSS(`nav.sidenav a[href="/customer/`+c.login+`/account"]`)),
		ready(`main [data-choice="websites"] .choice-action`))
	current := text(t, ctx, `nav.sidenav a[aria-current="page"]`)
	must(t, current == w.account, "current page is %q, want %q", current, w.account)
	check("Account")
	shot(t, ctx, prefix+"-4-account")
	checkChoices(t, eval[[]choice](t, ctx, readChoices), c, w)
}

// openClient walks steps 1 to 3 up to the open menu of the first row of the chosen tab.
func openClient(t *testing.T, ctx context.Context, c demoClient, w words, bySubscriptions bool, prefix string, check func(string)) {
	t.Helper()
	link := `a.client-link[href="/clients/` + c.login + `"]`
	do(t, ctx, "step 1: Clients", chromedp.Click(chromedp.CSS(`a[href="/clients"]`)), ready(link))
	check("Clients")
	shot(t, ctx, prefix+"-1-clients")

	do(t, ctx, "step 2: the client's name", chromedp.Click(chromedp.CSS(link)),
		ready(`nav.tabs a[aria-current="page"]`), ready(`main table`))
	tab, tabName := `nav.tabs a.tab:first-child`, w.domains
	if bySubscriptions {
		tab, tabName = `nav.tabs a.tab[href$="?tab=subscriptions"]`, w.subscriptions
	}
	do(t, ctx, "step 3: the "+tabName+" tab", chromedp.Click(chromedp.CSS(tab)),
		ready(tab+`[aria-current="page"]`), ready(`main table td.actions button.menu-button`))
	must(t, text(t, ctx, tab) == tabName, "tab reads %q, want %q", text(t, ctx, tab), tabName)
	check("Client, " + tabName)

	do(t, ctx, "step 3: the right-most icon", chromedp.Click(chromedp.CSS(`main table tbody tr:first-child td:last-child button.menu-button`)),
		chromedp.WaitVisible(chromedp.CSS(`[role="menuitem"]`)))
	item := text(t, ctx, `[role="menuitem"]`)
	must(t, item == w.manage, "menu offers %q, want %q", item, w.manage)
	check("Client, menu open")
	shot(t, ctx, prefix+"-3-client-menu")
}

// checkChoices asserts that each backup choice is enabled, or disabled with the expected reason.
func checkChoices(t *testing.T, got []choice, c demoClient, w words) {
	t.Helper()
	if len(got) != 2 || got[0].Scope != "account" || got[1].Scope != "websites" {
		t.Fatalf("the Account page offers %+v, want Back Up Account and Websites, then Back Up Websites", got)
	}
	for i, reason := range []string{c.accountReason, c.websitesReason} {
		g := got[i]
		switch {
		case reason == "" && (!g.Enabled || g.Reason != ""):
			t.Errorf("%s: %q is disabled (%q); the client's rights allow it", c.login, g.Label, g.Reason)
		case reason != "" && g.Enabled:
			t.Errorf("%s: %q is enabled; the client's rights forbid it", c.login, g.Label)
		case reason != "" && g.Reason != w.unavailable+" "+reason:
			t.Errorf("%s: %q is disabled saying %q, want %q", c.login, g.Label, g.Reason, w.unavailable+" "+reason)
		}
	}
}
