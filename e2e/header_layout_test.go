package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// At 375 px the header keeps "Coffre" on one line and the whole login in sight, in English
// and French: Password and Log out show their icons, their names kept for screen readers; a
// login too long for one row sends the right-hand items to a second row, never sideways.
func TestPhoneHeaderLayout375(t *testing.T) {
	// Its own server: the language it saves for admin would change what the shared server's
	// other tests see after login (the saved language wins over the browser's).
	s := startOwnServer(t)
	ctx := newTab(t, "en-US", 60*time.Second)
	logIn(t, ctx, s)
	do(t, ctx, "a phone's screen", chromedp.EmulateViewport(375, 812, chromedp.EmulateScale(2), chromedp.EmulateMobile,
		chromedp.EmulateTouch, chromedp.EmulatePortrait))
	for _, lang := range []string{"en", "fr"} {
		// The header's items move once the session is known: click the language after that.
		do(t, ctx, "the Backup Manager", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`#backups-title`), ready(`.topbar .user-name`))
		clickUntil(t, ctx, "the language "+lang, `button.lang[value="`+lang+`"]`,
			`document.querySelector('button.lang[value="`+lang+`"]').getAttribute('aria-pressed') === 'true'`)
		must(t, eval[string](t, ctx, `location.pathname`) == "/customer/acme/backups", "%s: the click on the language left the page", lang)
		headerFits(t, ctx, lang, 375)
		must(t, eval[int](t, ctx, `document.querySelector('.topbar').getBoundingClientRect().height`) <= 60,
			"%s: the header takes two rows for a short login", lang)
		names := map[string][2]string{"en": {"Password", "Log out"}, "fr": {"Mot de passe", "Se déconnecter"}}[lang]
		must(t, eval[bool](t, ctx, `(() => { const p = document.querySelector('#own-password-link'), o = document.querySelector('button.logout');
			const seen = e => e.querySelector('svg').getBoundingClientRect().width > 0;
			return p.textContent === '`+names[0]+`' && o.textContent === '`+names[1]+`' && seen(p) && seen(o) })()`),
			"%s: Password and Log out lost their icon or their accessible name", lang)
		shot(t, ctx, "header-375-"+lang)
	}
	// Wider phones and tablets, in French (the longest names): everything on one line too.
	for _, width := range []int{430, 600, 767} {
		do(t, ctx, "a wider screen", chromedp.EmulateViewport(int64(width), 900, chromedp.EmulateScale(2), chromedp.EmulateMobile))
		headerFits(t, ctx, "fr", width)
	}
	// A long login: the right-hand items take a second row; nothing breaks nor scrolls sideways.
	do(t, ctx, "a phone's screen", chromedp.EmulateViewport(375, 812, chromedp.EmulateScale(2), chromedp.EmulateMobile))
	eval[bool](t, ctx, `(() => { document.querySelector('.user-name').textContent = 'hosting-customer-with-a-long-login'; return true })()`)
	headerFits(t, ctx, "a long login", 375)
	shot(t, ctx, "header-375-long-login")
}

// headerFits asserts that, at that width, the header's brand is on one line, no button's name
// breaks across lines, the login is not cut (shorter than its limit), and every item of the
// header stays within the screen.
func headerFits(t *testing.T, ctx context.Context, where string, width int) {
	t.Helper()
	where += " at " + itoa(width) + " px"
	noSideScroll(t, ctx, where, width)
	must(t, eval[int](t, ctx, `document.querySelector('.brand span').getClientRects().length`) == 1,
		"%s: the brand's name breaks across lines", where)
	out := eval[[]string](t, ctx, `[...document.querySelectorAll('.topbar a, .topbar button, .topbar .user-name')]
		.filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > `+itoa(width)+` || r.height > 44 }).map(e => e.className)`)
	must(t, len(out) == 0, "%s: header items beyond the screen or on two lines: %q", where, out)
	if !strings.Contains(where, "long") {
		must(t, eval[bool](t, ctx, `(() => { const u = document.querySelector('.user-name'); return u.textContent === 'admin' && u.scrollWidth <= u.clientWidth })()`),
			"%s: the login is cut: %q", where, text(t, ctx, ".user-name"))
	}
}
