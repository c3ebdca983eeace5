package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// On the Schedule page a client protects the scheduled backups with a password: the page says
// it is kept, encrypted, on the server; the API then says only that one is kept; the page,
// opened again, shows it kept without showing it; unchecking the option and saving forgets it.
func TestSchedulePagePassword(t *testing.T) {
	s := startOwnServer(t)
	ctx := newTab(t, "en-US", 90*time.Second)
	logIn(t, ctx, s)
	const pw = "scheduled secret words"
	do(t, ctx, "the Schedule page", chromedp.Navigate(s.url+"/customer/acme/schedule"), ready(`#schedule-form`))
	do(t, ctx, "the next run", ready(`#schedule-next`))
	do(t, ctx, "protect with a password", chromedp.Click(chromedp.CSS(`#protect`)))
	waitTrue(t, ctx, "the password field", `!document.querySelector('#schedule-password').disabled`)
	must(t, strings.Contains(text(t, ctx, `#schedule-form`), "Coffre keeps it on this server, encrypted"), "no note that the password is kept")
	setField(t, ctx, `#schedule-password`, pw)
	// A click that lands while the form re-renders for its preview can be lost: click until saved.
	clickUntil(t, ctx, "Save schedule", `#schedule-save`, `document.querySelector('#schedule-status').textContent.includes('The schedule is saved')`)
	saved := fetchAPI(t, ctx, "GET", "/api/clients/acme/schedule", "")
	sc, _ := saved.Body["schedule"].(map[string]any)
	must(t, sc["passwordKept"] == true, "the saved schedule keeps no password: %+v", sc)
	must(t, !strings.Contains(fmt.Sprint(saved.Body), pw), "the API sends the password back")

	do(t, ctx, "the Schedule page again", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`#schedule-link`),
		chromedp.Click(chromedp.CSS(`#schedule-link`)), ready(`#schedule-password-kept`))
	must(t, eval[bool](t, ctx, `document.querySelector('#protect').checked && document.querySelector('#schedule-password').value === ''`),
		"the page does not show the password kept (or shows it)")
	shot(t, ctx, "schedule-password-kept")
	clickUntil(t, ctx, "no more password", `#protect`, `!document.querySelector('#protect').checked &&
		document.querySelector('#schedule-password-kept').textContent.includes('forgets')`)
	// Saving again is harmless: click until the page says the password is no longer kept.
	clickUntil(t, ctx, "Save schedule", `#schedule-save`, `!document.querySelector('#schedule-password-kept')`)
	saved = fetchAPI(t, ctx, "GET", "/api/clients/acme/schedule", "")
	sc, _ = saved.Body["schedule"].(map[string]any)
	must(t, sc["passwordKept"] == false, "the password is still kept: %+v", sc)
}

// clickUntil clicks sel until expr holds (each click given 8 s), at most 5 times.
func clickUntil(t *testing.T, ctx context.Context, what, sel, expr string) {
	t.Helper()
	for i := 0; i < 5; i++ {
		// The node can be replaced between its lookup and the click while the page re-renders:
		// that click is lost like any other, and the next one tries again.
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(sel))); err != nil {
			t.Logf("%s: click %d: %v", what, i+1, err)
		}
		if eval[bool](t, ctx, `new Promise(done => { const until = Date.now() + 8000;
			const check = () => { let v = false; try { v = !!(`+expr+`); } catch (e) {}
				if (v || Date.now() > until) return done(v); setTimeout(check, 20); }; check(); })`) {
			return
		}
	}
	t.Fatalf("%s: %s never held after 5 clicks; the page reads:\n%s\nserver output:\n%s", what, expr,
		eval[string](t, ctx, `document.body.innerText + '\\n' + [...document.querySelectorAll('details')].map(d => d.textContent).join('\\n')`), activeLog())
}
