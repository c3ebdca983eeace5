package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A user opens a backup's Contents from the Backup Manager, walks down to a folder of 250
// files shown 100 at a time, searches a file by name, sees the two backups that hold a
// version of it, and ticks it: the restore page opens with that path chosen.
func TestBrowseABackup(t *testing.T) {
	s := startOwnServer(t)
	ctx := newTab(t, "en-US", 90*time.Second)
	logIn(t, ctx, s)
	root := eval[string](t, ctx, `fetch('/api/clients/acme').then(r => r.json()).then(a => a.subscriptions[0].root)`)
	domain := eval[string](t, ctx, `fetch('/api/clients/acme').then(r => r.json()).then(a => a.subscriptions[0].domain)`)
	big := filepath.Join(root, "httpdocs", "big")
	if err := os.MkdirAll(big, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 250; i++ {
		if err := os.WriteFile(filepath.Join(big, fmt.Sprintf("page-%03d.html", i)), []byte("<p>page</p>"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	notes := filepath.Join(root, "httpdocs", "release-notes.txt")
	must(t, os.WriteFile(notes, []byte("first"), 0o644) == nil, "write the notes")
	backUpThroughAPI(t, ctx, `{scope: 'websites', files: true, storage: 'server'}`, 1)
	must(t, os.WriteFile(notes, []byte("second, longer"), 0o644) == nil, "rewrite the notes")
	backUpThroughAPI(t, ctx, `{scope: 'websites', files: true, storage: 'server', incremental: true}`, 2)

	do(t, ctx, "Backup Manager > Contents", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`#backup-list a.contents-link`),
		chromedp.Click(chromedp.CSS(`#backup-list a.contents-link`)), ready(`#contents-breadcrumb`))
	for _, name := range []string{domain, "httpdocs", "big"} {
		clickFolder(t, ctx, name)
	}
	waitTrue(t, ctx, "the first page of big/", `document.querySelector('#contents-range').textContent.includes('1–100 of 250')`)
	shot(t, ctx, "contents-1-tree")
	do(t, ctx, "Next", chromedp.Click(chromedp.CSS(`#contents-next`)))
	waitTrue(t, ctx, "the second page", `document.querySelector('#contents-range').textContent.includes('101–200 of 250')`)
	must(t, eval[int](t, ctx, `document.querySelectorAll('.contents-list tbody tr').length`) == 100, "a page does not show 100 entries")

	do(t, ctx, "search", chromedp.SendKeys(chromedp.CSS(`#contents-q`), "release"), chromedp.Click(chromedp.CSS(`#contents-search-submit`)),
		ready(`#contents-found`))
	waitTrue(t, ctx, "the file found", `document.querySelector('#contents-found').parentElement.textContent.includes('httpdocs/release-notes.txt')`)
	do(t, ctx, "Versions", chromedp.Click(chromedp.CSS(`section[aria-labelledby="contents-found"] a.versions-link`)), ready(`#contents-versions`))
	waitTrue(t, ctx, "two versions", `document.querySelectorAll('#contents-versions tbody tr').length === 2`)
	shot(t, ctx, "contents-2-versions")

	do(t, ctx, "tick the file", chromedp.Click(chromedp.CSS(`section[aria-labelledby="contents-found"] input.pick`)), ready(`#contents-restore`))
	href := eval[string](t, ctx, `document.querySelector('#contents-restore').getAttribute('href')`)
	want := "path=" + domain + "%2Fhttpdocs%2Frelease-notes.txt"
	must(t, strings.Contains(href, "/customer/acme/restore?backup=") && strings.Contains(href, want), "Restore the selection leads to %q, want %q in it", href, want)
	shot(t, ctx, "contents-3-selection")
	do(t, ctx, "Restore the selection", chromedp.Click(chromedp.CSS(`#contents-restore`)), ready(`#restore-paths`))
	waitTrue(t, ctx, "the path on the restore page",
		`document.querySelector('#restore-paths').textContent.includes('`+domain+`/httpdocs/release-notes.txt')`)
}

// backUpThroughAPI starts a backup of acme from the page and waits until the Backup Manager
// lists n backups.
func backUpThroughAPI(t *testing.T, ctx context.Context, body string, n int) {
	t.Helper()
	a := fetchAPI(t, ctx, "POST", "/api/clients/acme/backups", body)
	must(t, a.Status == 202, "start a backup: %d %v", a.Status, a.Body)
	ok := eval[bool](t, ctx, fmt.Sprintf(`new Promise(done => {
		const until = Date.now() + 30000;
		const check = () => fetch('/api/clients/acme/backups').then(r => r.json()).then(l => {
			if (l.length >= %d) return done(true);
			if (Date.now() > until) return done(false);
			setTimeout(check, 100);
		});
		check();
	})`, n))
	must(t, ok, "backup %d is not listed after 30 s", n)
}

func clickFolder(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	waitTrue(t, ctx, "the folder "+name, `[...document.querySelectorAll('a.folder-link')].some(a => a.textContent.trim() === '`+name+`')`)
	eval[bool](t, ctx, `(() => { [...document.querySelectorAll('a.folder-link')].find(a => a.textContent.trim() === '`+name+`').click(); return true })()`)
	waitTrue(t, ctx, "inside "+name, `[...document.querySelectorAll('#contents-breadcrumb li')].pop().textContent.trim() === '`+name+`'`)
}
