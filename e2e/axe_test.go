package e2e

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// axePath is axe-core's script, installed from npm by .ci/run (npm install --prefix
// testout/axe axe-core@4); AXE_JS overrides it.
func axePath() string {
	if p := os.Getenv("AXE_JS"); p != "" {
		return p
	}
	return "../testout/axe/node_modules/axe-core/axe.min.js"
}

// axeViolation is one rule that failed on a page, with its first elements.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axeRun runs every axe-core rule (WCAG 2.x A and AA, and best practices such as heading-order)
// on the page as it stands.
const axeRun = `axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || '', help: v.help,
	nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\s+/g, ' ')),
})))`

// loadAxe makes every page the tab opens carry axe-core.
func loadAxe(t *testing.T, ctx context.Context) {
	t.Helper()
	src, err := os.ReadFile(axePath())
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core is missing: .ci/run installs it from npm (%v)", err)
		}
		t.Skipf("axe-core is missing (npm install --prefix testout/axe axe-core@4): %v", err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: string(src)}); err != nil {
		t.Fatalf("load axe-core: %v", err)
	}
}

// scheme makes the tab prefer a light or a dark colour scheme.
func scheme(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: name}}}); err != nil {
		t.Fatalf("%s scheme: %v", name, err)
	}
}

// panelPages are every page of the panel, with what shows once it is loaded.
func panelPages(backup, taskID string) [][2]string {
	q := "?backup=" + backup + "&storage=server"
	return [][2]string{
		{"/clients", "a.client-link"},
		{"/clients/acme", "main h1"},
		{"/tasks", "main .badge"},
		{"/settings", "main form"},
		{"/customer/acme", "#backup-manager-link"},
		{"/customer/acme/account", "main [data-choice]"},
		{"/customer/acme/backups", "main .badge"},
		{"/customer/acme/backup", "main form"},
		{"/customer/acme/ftp", "main form"},
		{"/customer/acme/restore" + q, "main form"},
		{"/customer/acme/contents" + q, "main table"},
		{"/customer/acme/tasks/" + taskID, "#task-result"},
	}
}

// axe-core finds no violation on any page of the panel, in English and French, light and dark;
// no page scrolls sideways at 1280 px.
func TestAxe(t *testing.T) {
	s := startOwnServer(t)
	ctx := newTab(t, "en-US", 5*time.Minute)
	loadAxe(t, ctx)
	logIn(t, ctx, s)
	backup := backUpByAPI(t, ctx, "acme")
	failed := failTask(t, ctx, "acme")
	pages := panelPages(backup, failed)
	checked, found := 0, 0
	for _, sch := range []string{"light", "dark"} {
		scheme(t, ctx, sch)
		for _, lang := range []string{"en", "fr"} {
			do(t, ctx, "the login page", chromedp.Navigate(s.url+"/clients"), ready(`a.client-link`),
				chromedp.Click(chromedp.CSS(`button.lang[value="`+lang+`"]`)),
				chromedp.WaitVisible(chromedp.CSS(`button.lang[value="`+lang+`"][aria-pressed="true"]`)))
			for _, p := range pages {
				do(t, ctx, "open "+p[0], chromedp.Navigate(s.url+p[0]), ready(p[1]))
				waitTrue(t, ctx, "the page loaded", "!document.querySelector('main .loading') && document.documentElement.lang === '"+lang+"'")
				found += axeCheck(t, ctx, fmt.Sprintf("%s %s %s", p[0], lang, sch))
				noSideScroll(t, ctx, p[0]+" "+lang, 1280)
				checked++
			}
		}
	}
	found += axeLogin(t, s)
	t.Logf("axe-core: %d page views checked (%d pages × 2 languages × 2 schemes, and the login page × 2 × 2); %d violations", checked+4, len(pages), found)
}

// axeLogin checks the login page, logged out, in both languages and schemes.
func axeLogin(t *testing.T, s *coffre) int {
	found := 0
	for _, locale := range []string{"en-US", "fr-FR"} {
		ctx := newTab(t, locale, time.Minute)
		loadAxe(t, ctx)
		for _, sch := range []string{"light", "dark"} {
			scheme(t, ctx, sch)
			do(t, ctx, "the login page", chromedp.Navigate(s.url+"/login?error=login_failed"), ready(`#login-error`))
			found += axeCheck(t, ctx, "/login "+locale+" "+sch)
		}
	}
	return found
}

// axeCheck runs axe-core and reports each violation; it returns how many there were.
func axeCheck(t *testing.T, ctx context.Context, where string) int {
	t.Helper()
	vs := eval[[]axeViolation](t, ctx, axeRun)
	for _, v := range vs {
		t.Errorf("%s: axe %s (%s): %s\n  %s", where, v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n  "))
	}
	return len(vs)
}
