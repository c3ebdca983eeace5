package e2e

import (
	"context"
	"net"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// failTask points the client's personal FTP storage at a closed port and backs up there: the
// task fails with a long error (the connection refused). It returns the task's id.
func failTask(t *testing.T, ctx context.Context, login string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	set := fetchAPI(t, ctx, "PUT", "/api/clients/"+login+"/ftp",
		`{host: "127.0.0.1", port: `+strconv.Itoa(port)+`, user: "nobody", password: "closed-port", tls: "none"}`)
	must(t, set.Status == 200, "FTP settings: %+v", set)
	a := fetchAPI(t, ctx, "POST", "/api/clients/"+login+"/backups", `{scope: "websites", files: true, storage: "ftp"}`)
	id, _ := a.Body["id"].(string)
	if a.Status != 202 || id == "" {
		t.Fatalf("back up to the FTP storage: %+v", a)
	}
	waitTrue(t, ctx, "the backup to fail", `fetch('/api/tasks/`+id+`').then(r => r.json()).then(t => t.status === 'failed')`)
	return id
}

// wordsWhole asserts that no word in the page's tables and facts breaks across lines: a line may end at a
// space, or after "-", "_", "/", "." or "@" (a backup name, a path, an e-mail address).
func wordsWhole(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	broken := eval[[]string](t, ctx, `(() => {
		const out = [];
		const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			if (!n.parentElement.closest('td, th, dd') || !n.parentElement.checkVisibility()) continue;
			for (const m of n.textContent.matchAll(/[^\s\-_\/.@]+[\-_\/.@]?/g)) {
				const r = document.createRange();
				r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
				const tops = new Set([...r.getClientRects()].filter(x => x.width > 0).map(x => Math.round(x.top)));
				if (tops.size > 1) out.push(m[0]);
			}
		}
		return out;
	})()`)
	must(t, len(broken) == 0, "%s: words broken across lines: %q", where, broken)
}

// A failed task's long error keeps the Tasks page and the Backup Manager within the screen at
// 1280 and 375 px: the error is cut with its whole text a click away, no word (a status chip, a
// date, a backup name) breaks in its middle.
func TestLongErrorsFit(t *testing.T) {
	s := startOwnServer(t)
	ctx := newTab(t, "en-US", 90*time.Second)
	logIn(t, ctx, s)
	backUpByAPI(t, ctx, "acme")
	failTask(t, ctx, "acme")
	for _, width := range []int{1280, 375} {
		if width == 375 {
			do(t, ctx, "a phone's screen", chromedp.EmulateViewport(375, 812, chromedp.EmulateScale(2), chromedp.EmulateMobile))
		}
		do(t, ctx, "the Tasks page", chromedp.Navigate(s.url+"/tasks"), ready(`main .badge`))
		noSideScroll(t, ctx, "Tasks", width)
		wordsWhole(t, ctx, "Tasks")
		shot(t, ctx, "long-error-tasks-"+itoa(width))
		do(t, ctx, "the Backup Manager", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`main .badge`))
		noSideScroll(t, ctx, "Backup Manager", width)
		wordsWhole(t, ctx, "Backup Manager")
		shot(t, ctx, "long-error-backup-manager-"+itoa(width))
		for _, p := range [][2]string{{"/clients", "a.client-link"}, {"/customer/acme/account", "main [data-choice]"}} {
			path := p[0]
			do(t, ctx, path, chromedp.Navigate(s.url+path), ready(p[1]))
			noSideScroll(t, ctx, path, width)
			wordsWhole(t, ctx, path)
			shot(t, ctx, "layout"+strings.ReplaceAll(path, "/", "-")+"-"+itoa(width))
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
