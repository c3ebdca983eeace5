package e2e

import (
	"context"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A client whose language is French gets its panel in French after login, whatever the
// browser speaks; its switch to EN is saved: the next login is in English.
func TestClientLanguageWins(t *testing.T) {
	s := startOwnServer(t)
	const pw = "le mot de passe de bistro"
	cmd := exec.Command(binary, "client", "password", "bistro", "--data", s.dataDir())
	cmd.Stdin = strings.NewReader(pw + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("coffre client password bistro: %v\n%s", err, out)
	}
	logInAs := func(locale string) context.Context {
		ctx := newTab(t, locale, 60*time.Second)
		do(t, ctx, "log in as bistro", chromedp.Navigate(s.url+"/login"), ready(`#login`),
			chromedp.SendKeys(chromedp.CSS("#login"), "bistro"), chromedp.SendKeys(chromedp.CSS("#password"), pw),
			chromedp.Click(chromedp.CSS(`button[type="submit"]`)), ready(`#backup-manager-link`))
		return ctx
	}
	ctx := logInAs("en-US")
	waitTrue(t, ctx, "the French panel", "document.documentElement.lang === 'fr'")
	must(t, strings.HasPrefix(text(t, ctx, "#backup-manager-link"), "Gestionnaire de sauvegardes"), "bistro's panel reads %q, want French", text(t, ctx, "#backup-manager-link"))
	must(t, eval[bool](t, ctx, `!!document.querySelector('button.lang[value="fr"][aria-pressed="true"]')`), "FR is not pressed")
	shot(t, ctx, "lang-french-client")

	do(t, ctx, "EN", chromedp.Click(chromedp.CSS(`button.lang[value="en"]`)),
		chromedp.WaitVisible(chromedp.CSS(`button.lang[value="en"][aria-pressed="true"]`)))
	waitTrue(t, ctx, "the choice saved", `fetch('/api/me').then(r => r.json()).then(me => me.lang === 'en')`)
	ctx = logInAs("fr-FR")
	waitTrue(t, ctx, "the English panel", "document.documentElement.lang === 'en'")
	must(t, strings.HasPrefix(text(t, ctx, "#backup-manager-link"), "Backup Manager"), "after EN, bistro's next login reads %q, want English", text(t, ctx, "#backup-manager-link"))
}
