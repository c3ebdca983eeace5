package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// webspace makes a small website directory for a subscription added in the panel.
func webspace(t *testing.T) string {
	t.Helper()
	root := filepath.Join(t.TempDir(), "dupont.example")
	if err := os.MkdirAll(filepath.Join(root, "httpdocs", "img"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"httpdocs/index.html": "<h1>Dupont</h1>\n", "httpdocs/img/logo.svg": "<svg/>\n"} {
		if err := os.WriteFile(filepath.Join(root, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

// choose picks value in a select as a user would (the page hears the change).
func choose(t *testing.T, ctx context.Context, sel, value string) {
	t.Helper()
	do(t, ctx, "choose "+value+" in "+sel, chromedp.Evaluate[chromedp.Void](`(() => {
		const el = document.querySelector('`+sel+`');
		el.value = '`+value+`'; el.dispatchEvent(new Event('change', {bubbles: true}));
	})()`))
}

func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// The administrator adds a client and a subscription in the panel, with rights, and backs it
// up; a refused login is explained beside the field, in English then in French; the Tasks
// list finds the client's task. Then the client changes its own password and logs in with it.
func TestAdministratorAddsAClientAndBacksItUp(t *testing.T) {
	s := startOwnServer(t)
	root := webspace(t)
	ctx := newTab(t, "en-US", 150*time.Second)
	logIn(t, ctx, s)

	do(t, ctx, "search the clients", chromedp.SendKeys(chromedp.CSS("#clients-q"), "bistro"),
		chromedp.Click(chromedp.CSS(`#clients-search button[type="submit"]`)))
	waitTrue(t, ctx, "one client found", `document.querySelectorAll('a.client-link').length === 1 && document.querySelector('a.client-link').href.endsWith('/clients/bistro')`)
	shot(t, ctx, "admin-clients-search")

	do(t, ctx, "Add a client", chromedp.Click(chromedp.CSS("#client-add")), ready("#client-form #client-login"))
	do(t, ctx, "fill the form with a bad login",
		chromedp.SendKeys(chromedp.CSS("#client-login"), "Claire Dupont"),
		chromedp.SendKeys(chromedp.CSS("#client-name"), "Claire Dupont"),
		chromedp.SendKeys(chromedp.CSS("#client-email"), "claire@dupont.example"),
		chromedp.Click(chromedp.CSS("#client-save")), chromedp.WaitVisible(chromedp.CSS("#client-login-error")))
	msg := text(t, ctx, "#client-login-error")
	must(t, strings.Contains(msg, "“Claire Dupont” is not a valid login"), "the login's error reads %q", msg)
	shot(t, ctx, "admin-client-form-error")
	do(t, ctx, "switch to French", chromedp.Click(chromedp.CSS(`button.lang[value="fr"]`)))
	waitTrue(t, ctx, "the error in French", `document.querySelector('#client-login-error').textContent.includes("n'est pas un identifiant valide")`)
	shot(t, ctx, "admin-client-form-error-fr")
	do(t, ctx, "back to English", chromedp.Click(chromedp.CSS(`button.lang[value="en"]`)))

	retype(t, ctx, "#client-login", "dupont")
	choose(t, ctx, "#client-lang", "fr")
	do(t, ctx, "no FTP storage, a password, Save",
		chromedp.Click(chromedp.CSS("#right-ftp")),
		chromedp.SendKeys(chromedp.CSS("#client-password"), "dupont-password-1"),
		chromedp.Click(chromedp.CSS("#client-save")), ready("#client-edit"))
	must(t, strings.HasSuffix(location(t, ctx), "/clients/dupont"), "Save leads to %s", location(t, ctx))
	rights := text(t, ctx, ".right-list")
	must(t, strings.Contains(rights, "Personal FTP storage not allowed") && strings.Contains(rights, "Server storage allowed"),
		"the client's rights read %q", rights)

	do(t, ctx, "Edit the client", chromedp.Click(chromedp.CSS("#client-edit")), ready("#client-form #client-name"),
		chromedp.Click(chromedp.CSS("#client-delete")), chromedp.WaitVisible(chromedp.CSS("#client-delete-yes")))
	shot(t, ctx, "admin-client-edit")
	do(t, ctx, "back to the client", chromedp.Navigate(s.url+"/clients/dupont"), ready("#client-edit"))
	do(t, ctx, "the Subscriptions tab", chromedp.Click(chromedp.CSS(`a.tab[href$="tab=subscriptions"]`)), ready("#sub-form"))
	do(t, ctx, "add a subscription",
		chromedp.SendKeys(chromedp.CSS("#sub-domain"), "dupont.example"),
		chromedp.SendKeys(chromedp.CSS("#sub-root"), root),
		chromedp.Click(chromedp.CSS("#sub-add")))
	waitTrue(t, ctx, "the subscription is listed", `[...document.querySelectorAll('main table td')].some(td => td.textContent === 'dupont.example')`)
	shot(t, ctx, "admin-client-subscriptions")

	do(t, ctx, "open the Back Up form", chromedp.Navigate(s.url+"/customer/dupont/backup"), ready("#backup-form #backup-submit:not([disabled])"))
	do(t, ctx, "Back Up", chromedp.Click(chromedp.CSS("#backup-submit")))
	waitLong(t, ctx, "the backup finishes", `document.getElementById('task-result')`)
	result := text(t, ctx, "#task-result")
	must(t, strings.Contains(result, "The backup is complete"), "the result reads %q", result)
	do(t, ctx, "the Backup Manager", chromedp.Navigate(s.url+"/customer/dupont/backups"), ready("#backup-list tbody tr"))
	row := text(t, ctx, "#backup-list tbody tr:first-child")
	must(t, strings.Contains(row, "Server storage") && strings.Contains(row, "OK"), "the Backup Manager's row reads %q", row)

	do(t, ctx, "Tasks", chromedp.Navigate(s.url+"/tasks"), ready("#tasks-q"),
		chromedp.SendKeys(chromedp.CSS("#tasks-q"), "dupont"), chromedp.Click(chromedp.CSS(`#tasks-search button[type="submit"]`)))
	waitTrue(t, ctx, "only dupont's task", `(() => { const c = [...document.querySelectorAll('.task-list tbody tr td:nth-child(2)')].map(td => td.textContent.trim());
		return c.length === 1 && c[0] === 'dupont'; })()`)
	shot(t, ctx, "admin-tasks-search")

	clientChangesItsPassword(t, ctx, s)
}

// clientChangesItsPassword: dupont logs in, is refused a change with a wrong current password,
// changes it, and logs in with the new one only.
func clientChangesItsPassword(t *testing.T, ctx context.Context, s *coffre) {
	t.Helper()
	logInAs := func(login, pw string, then chromedp.Action[chromedp.Void]) {
		t.Helper()
		do(t, ctx, "log in as "+login, chromedp.Navigate(s.url+"/login"), ready(`#login`),
			chromedp.SendKeys(chromedp.CSS("#login"), login), chromedp.SendKeys(chromedp.CSS("#password"), pw),
			chromedp.Click(chromedp.CSS(`button[type="submit"]`)), then)
	}
	do(t, ctx, "log out", chromedp.Click(chromedp.CSS("button.logout")), ready("#login"))
	logInAs("dupont", "dupont-password-1", ready("#own-password-link"))
	// The panel re-renders in dupont's language once its account has loaded: wait for that, and
	// click until the form shows (a click during a re-render is lost).
	waitTrue(t, ctx, "the panel in French", `document.documentElement.lang === 'fr' && !!document.querySelector('#own-password-link')`)
	clickUntil(t, ctx, "open Password", "#own-password-link", `!!document.querySelector('#own-password #pw-current')`)
	do(t, ctx, "a wrong current password",
		chromedp.SendKeys(chromedp.CSS("#pw-current"), "not-my-password"),
		chromedp.SendKeys(chromedp.CSS("#pw-new"), "dupont-password-2"),
		chromedp.SendKeys(chromedp.CSS("#pw-again"), "dupont-password-2"),
		chromedp.Click(chromedp.CSS("#pw-save")), chromedp.WaitVisible(chromedp.CSS("#pw-current-error")))
	// dupont's saved language is French (chosen in the client's form above): after its login the
	// panel speaks French, whatever the administrator used in this tab.
	must(t, text(t, ctx, "#pw-current-error") == "Le mot de passe actuel est erroné.", "a wrong current password reads %q", text(t, ctx, "#pw-current-error"))
	do(t, ctx, "change the password",
		chromedp.SendKeys(chromedp.CSS("#pw-current"), "dupont-password-1"),
		chromedp.SendKeys(chromedp.CSS("#pw-new"), "dupont-password-2"),
		chromedp.SendKeys(chromedp.CSS("#pw-again"), "dupont-password-2"),
		chromedp.Click(chromedp.CSS("#pw-save")), chromedp.WaitVisible(chromedp.CSS("#pw-saved")))
	shot(t, ctx, "client-password-changed")
	do(t, ctx, "log out", chromedp.Click(chromedp.CSS("button.logout")), ready("#login"))
	logInAs("dupont", "dupont-password-1", chromedp.WaitVisible(chromedp.CSS(`[role="alert"]`)))
	logInAs("dupont", "dupont-password-2", ready("#backup-manager-link"))
	must(t, strings.HasSuffix(location(t, ctx), "/customer/dupont"), "dupont lands on %s", location(t, ctx))
}

// The one-time password printed at first start opens only the page that changes it: every
// other page leads there, the API refuses the rest, until it is changed.
func TestFirstLoginForcesThePasswordChange(t *testing.T) {
	s := startFirstServer(t)
	ctx := newTab(t, "en-US", 60*time.Second)
	do(t, ctx, "log in with the one-time password", chromedp.Navigate(s.url+"/"), ready(`#login`),
		chromedp.SendKeys(chromedp.CSS("#login"), "admin"), chromedp.SendKeys(chromedp.CSS("#password"), s.oneTime),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)), ready("#pw-forced"))
	must(t, strings.HasSuffix(location(t, ctx), "/password"), "the first login lands on %s", location(t, ctx))
	shot(t, ctx, "admin-password-forced")
	do(t, ctx, "open Clients", chromedp.Navigate(s.url+"/clients"), ready("#pw-forced"))
	must(t, strings.HasSuffix(location(t, ctx), "/password"), "Clients before the change leads to %s", location(t, ctx))
	got := fetchAPI(t, ctx, "GET", "/api/clients", "")
	must(t, got.Status == 403 && got.Body["code"] == "password_change_required", "the API before the change: %d %v", got.Status, got.Body)
	do(t, ctx, "change it",
		chromedp.SendKeys(chromedp.CSS("#pw-current"), s.oneTime),
		chromedp.SendKeys(chromedp.CSS("#pw-new"), "my-own-password-1"),
		chromedp.SendKeys(chromedp.CSS("#pw-again"), "my-own-password-1"),
		chromedp.Click(chromedp.CSS("#pw-save")), ready("a.client-link"))
	got = fetchAPI(t, ctx, "GET", "/api/clients", "")
	must(t, got.Status == 200, "the API after the change: %d %v", got.Status, got.Body)
}
