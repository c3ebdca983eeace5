package e2e

import (
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
	do(t, ctx, "the Schedule page", chromedp.Navigate(s.url+"/customer/acme/schedule"), ready(`#schedule-form`), ready(`#schedule-next`))
	do(t, ctx, "protect with a password", chromedp.Click(chromedp.CSS(`#protect`)))
	waitTrue(t, ctx, "the password field", `!document.querySelector('#schedule-password').disabled`)
	must(t, strings.Contains(text(t, ctx, `#schedule-form`), "Coffre keeps it on this server, encrypted"), "no note that the password is kept")
	setField(t, ctx, `#schedule-password`, pw)
	do(t, ctx, "Save schedule", chromedp.Click(chromedp.CSS(`#schedule-save`)))
	waitTrue(t, ctx, "the saved schedule", `document.querySelector('#schedule-status').textContent.includes('The schedule is saved')`)
	saved := fetchAPI(t, ctx, "GET", "/api/clients/acme/schedule", "")
	sc, _ := saved.Body["schedule"].(map[string]any)
	must(t, sc["passwordKept"] == true, "the saved schedule keeps no password: %+v", sc)
	must(t, !strings.Contains(fmt.Sprint(saved.Body), pw), "the API sends the password back")

	do(t, ctx, "the Schedule page again", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`#schedule-link`),
		chromedp.Click(chromedp.CSS(`#schedule-link`)), ready(`#schedule-password-kept`))
	must(t, eval[bool](t, ctx, `document.querySelector('#protect').checked && document.querySelector('#schedule-password').value === ''`),
		"the page does not show the password kept (or shows it)")
	shot(t, ctx, "schedule-password-kept")
	do(t, ctx, "no more password", chromedp.Click(chromedp.CSS(`#protect`)))
	waitTrue(t, ctx, "the note that saving forgets it", `document.querySelector('#schedule-password-kept').textContent.includes('forgets')`)
	do(t, ctx, "Save schedule", chromedp.Click(chromedp.CSS(`#schedule-save`)))
	waitTrue(t, ctx, "the password forgotten", `!document.querySelector('#schedule-password-kept')`)
	saved = fetchAPI(t, ctx, "GET", "/api/clients/acme/schedule", "")
	sc, _ = saved.Body["schedule"].(map[string]any)
	must(t, sc["passwordKept"] == false, "the password is still kept: %+v", sc)
}
