package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// With the server gone, every route of the panel still loads its page (from the service
// worker's cache) and says that the server cannot be reached, in place of the browser's error.
func TestOfflineRoutesLoad(t *testing.T) {
	s := startOwnServer(t)
	ctx := newTab(t, "en-US", 90*time.Second)
	logIn(t, ctx, s)
	waitTrue(t, ctx, "the service worker in control", "navigator.serviceWorker.controller !== null")
	do(t, ctx, "Tasks, online", chromedp.Navigate(s.url+"/tasks"), ready(`main h1`))
	s.stop()
	for _, path := range []string{"/clients", "/tasks", "/customer/acme/backups", "/customer/bistro/ftp", "/settings"} {
		do(t, ctx, "open "+path+" with the server gone", chromedp.Navigate(s.url+path), ready(`main [role="alert"]`))
		must(t, eval[string](t, ctx, "location.pathname") == path, "%s: the browser is at %s", path, eval[string](t, ctx, "location.pathname"))
		msg := text(t, ctx, `main [role="alert"]`)
		must(t, strings.Contains(msg, "cannot be reached"), "%s offline says %q", path, msg)
		shot(t, ctx, "offline"+strings.ReplaceAll(path, "/", "-"))
	}
}
