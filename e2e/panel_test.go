package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// The administrator walks steps 1 to 4 of docs/panel-flow.md for both demo clients, in English, on a
// desktop; the time to a usable Clients page is logged (a figure to compare between versions).
func TestWalkToAccountPage(t *testing.T) {
	s := startServer(t)
	ctx := newTab(t, "en-US", 60*time.Second)
	form, afterLogin := logIn(t, ctx, s)
	shot(t, ctx, "desktop-clients")

	start := time.Now()
	do(t, ctx, "open Clients afresh", chromedp.Navigate(s.url+"/clients"), ready(`a.client-link`))
	t.Logf("timing: first visit, navigation to a usable login form %v; Log in to a usable Clients page %v; "+
		"navigation to /clients (session and wasm cached) to a usable Clients page %v",
		form.Round(time.Millisecond), afterLogin.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))

	walk(t, ctx, acme, english, false, "desktop-acme", 0)
	do(t, ctx, "Websites & Domains", chromedp.Click(chromedp.CSS(`nav.sidenav a[href="/customer/acme"]`)),
		ready(`#backup-manager-link`))
	must(t, strings.Contains(text(t, ctx, "main"), "acme-store.example"), "Websites & Domains does not list acme-store.example")
	shot(t, ctx, "desktop-acme-5-websites")
	do(t, ctx, "Backup Manager", chromedp.Click(chromedp.CSS(`#backup-manager-link`)), ready(`main .empty`))
	must(t, strings.Contains(text(t, ctx, "main .empty"), "No backups yet"), "Backup Manager reads %q", text(t, ctx, "main .empty"))
	shot(t, ctx, "desktop-acme-6-backup-manager")

	walk(t, ctx, bistro, english, true, "desktop-bistro", 0)
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}}); err != nil {
		t.Fatalf("dark scheme: %v", err)
	}
	must(t, eval[string](t, ctx, `getComputedStyle(document.body).backgroundColor`) == "rgb(18, 22, 28)", "the dark scheme is not applied")
	shot(t, ctx, "desktop-bistro-4-account-dark")
	do(t, ctx, "Back to Clients", chromedp.Click(chromedp.CSS(`.banner a[href="/clients"]`)), ready(`a.client-link`))
}

// A wrong password says only that the login failed; a client that does not exist says so.
func TestWrongPasswordAndUnknownClient(t *testing.T) {
	s := startServer(t)
	ctx := newTab(t, "en-US", 30*time.Second)
	do(t, ctx, "open the root URL", chromedp.Navigate(s.url+"/"), ready(`#login`),
		chromedp.SendKeys(chromedp.CSS("#login"), "admin"),
		chromedp.SendKeys(chromedp.CSS("#password"), "not the password"),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#login-error`)))
	must(t, strings.HasPrefix(text(t, ctx, "#login-error"), "Login failed"), "the error reads %q", text(t, ctx, "#login-error"))

	do(t, ctx, "a page behind the login", chromedp.Navigate(s.url+"/clients/nobody"), ready(`#login`))
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	must(t, strings.Contains(loc, "/login?next="), "without a session /clients/nobody leads to %s, want the login form", loc)
	do(t, ctx, "log in", chromedp.SendKeys(chromedp.CSS("#login"), "admin"),
		chromedp.SendKeys(chromedp.CSS("#password"), s.password),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)), ready(`main [role="alert"]`))
	must(t, strings.Contains(text(t, ctx, `main [role="alert"]`), "does not exist"), "an unknown client reads %q", text(t, ctx, `main [role="alert"]`))

	do(t, ctx, "Log out", chromedp.Click(chromedp.CSS(`button.logout`)), ready(`#login`))
	do(t, ctx, "Clients after Log out", chromedp.Navigate(s.url+"/clients"), ready(`#login`))
	loc, _ = chromedp.Run(ctx, chromedp.Location())
	must(t, strings.Contains(loc, "/login"), "after Log out /clients leads to %s, want the login form", loc)
}

// A browser that speaks French gets the panel in French, with the words of Plesk's Backup Manager (docs/panel-flow.md); EN switches it to
// English, and the choice survives a reload.
func TestFrench(t *testing.T) {
	s := startServer(t)
	ctx := newTab(t, "fr-FR", 60*time.Second)
	do(t, ctx, "open the root URL", chromedp.Navigate(s.url+"/"), ready(`#login`))
	if lang := eval[string](t, ctx, "navigator.language"); !strings.HasPrefix(lang, "fr") {
		t.Fatalf("the browser speaks %q, not French", lang)
	}
	must(t, text(t, ctx, "h1") == "Connexion à Coffre", "login title %q", text(t, ctx, "h1"))
	must(t, eval[string](t, ctx, "document.documentElement.lang") == "fr", "<html lang> is not fr")
	do(t, ctx, "se connecter", chromedp.SendKeys(chromedp.CSS("#login"), "admin"),
		chromedp.SendKeys(chromedp.CSS("#password"), s.password),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)), ready(`a.client-link`))
	walk(t, ctx, bistroFR, french, false, "fr-bistro", 0)

	do(t, ctx, "EN", chromedp.Click(chromedp.CSS(`button.lang[value="en"]`)),
		chromedp.WaitVisible(chromedp.CSS(`button.lang[value="en"][aria-pressed="true"]`)))
	must(t, text(t, ctx, "h1") == "Account", "after EN the title reads %q", text(t, ctx, "h1"))
	do(t, ctx, "reload", chromedp.Reload(), ready(`main [data-choice]`))
	must(t, text(t, ctx, "h1") == "Account", "after a reload the title reads %q: the choice of EN was forgotten", text(t, ctx, "h1"))
	shot(t, ctx, "fr-then-en-account")
}

// At 375 px: the compact bar, tables as cards, and nothing scrolls sideways on any page.
func TestPhone(t *testing.T) {
	s := startServer(t)
	ctx := newTab(t, "en-US", 60*time.Second)
	do(t, ctx, "a phone's screen", chromedp.EmulateViewport(375, 812, chromedp.EmulateScale(2), chromedp.EmulateMobile,
		chromedp.EmulateTouch, chromedp.EmulatePortrait))
	do(t, ctx, "open the root URL", chromedp.Navigate(s.url+"/"), ready(`#login`))
	noSideScroll(t, ctx, "Login", 375)
	shot(t, ctx, "phone-login")
	do(t, ctx, "log in", chromedp.SendKeys(chromedp.CSS("#login"), "admin"),
		chromedp.SendKeys(chromedp.CSS("#password"), s.password),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)), ready(`a.client-link`))
	must(t, eval[string](t, ctx, `getComputedStyle(document.querySelector('main table thead')).position`) == "absolute",
		"the Clients table does not turn into cards at 375 px")
	walk(t, ctx, bistro, english, true, "phone-bistro", 375)
	do(t, ctx, "Backup Manager", chromedp.Click(chromedp.CSS(`nav.sidenav a[href="/customer/bistro/backups"]`)), ready(`main .empty`))
	noSideScroll(t, ctx, "Backup Manager", 375)
	shot(t, ctx, "phone-bistro-5-backup-manager")
	walk(t, ctx, acme, english, false, "phone-acme", 375)
}

// The installable app's manifest is served and lists icons served by Coffre itself.
func TestManifestListsLocalIcons(t *testing.T) {
	s := startServer(t)
	ctx := newTab(t, "en-US", 30*time.Second)
	do(t, ctx, "open the root URL", chromedp.Navigate(s.url+"/"), ready(`#login`))
	type icon struct {
		Src    string `json:"src"`
		Local  bool   `json:"local"`
		Status int    `json:"status"`
		Type   string `json:"type"`
	}
	icons := eval[[]icon](t, ctx, `(async () => {
		const link = document.querySelector('link[rel="manifest"]');
		const manifest = await (await fetch(link.href)).json();
		return Promise.all((manifest.icons || []).map(async i => {
			const u = new URL(i.src, link.href);
			const r = await fetch(u);
			return {src: i.src, local: u.origin === location.origin, status: r.status, type: r.headers.get('Content-Type') || ''};
		}));
	})()`)
	if len(icons) == 0 {
		t.Fatal("the manifest lists no icons")
	}
	for _, i := range icons {
		must(t, i.Local && i.Status == 200 && strings.HasPrefix(i.Type, "image/"),
			"manifest icon %s: local %v, status %d, type %q; want a local image", i.Src, i.Local, i.Status, i.Type)
	}
	t.Logf("manifest icons: %+v", icons)
}
