package e2e

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// loginClock records, from the navigation's start, when the login field is on screen with
// nothing over it once the page has loaded (window.usableAt) and when the panel's app runs
// (window.readyAt).
const loginClock = `(() => {
	const check = () => {
		const f = document.getElementById('login');
		if (f && window.usableAt === undefined && document.readyState === 'complete') {
			const r = f.getBoundingClientRect();
			if (r.width > 0 && document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === f) {
				window.usableAt = performance.now();
			}
		}
		if (f && document.documentElement.dataset.panel === 'ready') window.readyAt = performance.now();
		if (window.readyAt === undefined) setTimeout(check, 5);
	};
	check();
})()`

// throttle makes the tab's network 16 Mbit/s both ways with 150 ms of latency.
func throttle(t *testing.T, ctx context.Context) {
	t.Helper()
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("enable the network domain: %v", err)
	}
	const bytesPerSecond = 16e6 / 8
	if _, err := chromedp.Call(ctx, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
		MatchedNetworkConditions: []*network.Conditions{{Latency: 150, DownloadThroughput: bytesPerSecond, UploadThroughput: bytesPerSecond}},
	}); err != nil {
		t.Fatalf("throttle the network: %v", err)
	}
}

// On a first visit over a slow network (16 Mbit/s, 150 ms), the time from the navigation to a
// login form that takes what is typed. Logged for the closing note: five runs, medians.
func TestLoginTimeThrottled(t *testing.T) {
	s := startServer(t)
	var usable, running []time.Duration
	for range 5 {
		ctx := newTab(t, "en-US", 90*time.Second)
		throttle(t, ctx)
		if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: loginClock}); err != nil {
			t.Fatal(err)
		}
		do(t, ctx, "open the login page", chromedp.Navigate(s.url+"/login"), ready(`#login`))
		waitTrue(t, ctx, "the clock", "window.readyAt !== undefined")
		usable = append(usable, millis(eval[float64](t, ctx, "window.usableAt")))
		running = append(running, millis(eval[float64](t, ctx, "window.readyAt")))
	}
	t.Logf("timing at 16 Mbit/s and 150 ms: navigation to a login field on screen with nothing over it %v (median of %v); "+
		"to the panel's app running %v (median of %v)", median(usable), usable, median(running), running)
}

func millis(v float64) time.Duration {
	return time.Duration(v * float64(time.Millisecond)).Round(time.Millisecond)
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

// wasmGate holds back every request for app.wasm in a tab until it is opened.
type wasmGate struct {
	ctx    context.Context
	mu     sync.Mutex
	open   bool
	held   []fetch.RequestID
	counts int
}

// holdWasm starts holding app.wasm in the tab of ctx (the tab's pages then bypass the service
// worker).
func holdWasm(t *testing.T, ctx context.Context) *wasmGate {
	t.Helper()
	g := &wasmGate{ctx: ctx}
	chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*fetch.EventRequestPaused); ok {
			go g.paused(e.RequestID)
		}
	})
	// The service worker would serve app.wasm from its own copy, out of the tab's sight.
	_, err := chromedp.Call(ctx, network.Enable, network.EnableParams{})
	if err == nil {
		_, err = chromedp.Call(ctx, network.SetBypassServiceWorker, network.SetBypassServiceWorkerParams{Bypass: true})
	}
	if err != nil {
		t.Fatalf("bypass the service worker: %v", err)
	}
	if _, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*/app.wasm*"}}}); err != nil {
		t.Fatalf("intercept app.wasm: %v", err)
	}
	return g
}

func (g *wasmGate) paused(id fetch.RequestID) {
	g.mu.Lock()
	g.counts++
	if !g.open {
		g.held = append(g.held, id)
		g.mu.Unlock()
		return
	}
	g.mu.Unlock()
	chromedp.Call(g.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id})
}

// release lets app.wasm through, the requests held so far and those to come; it returns how
// many requests for app.wasm were made.
func (g *wasmGate) release() int {
	g.mu.Lock()
	g.open = true
	held := g.held
	g.held = nil
	n := g.counts
	g.mu.Unlock()
	for _, id := range held {
		chromedp.Call(g.ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id})
	}
	return n
}

// heldCount is how many requests for app.wasm are waiting.
func (g *wasmGate) heldCount() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	return len(g.held)
}

// A user types the login and the password while the app is still loading, then waits: once
// the app runs the values are still there, the field being typed in keeps the focus, and Enter
// logs in.
func TestLoginTypedBeforeTheAppStarts(t *testing.T) {
	s := startServer(t)
	ctx := newTab(t, "en-US", 60*time.Second)
	gate := holdWasm(t, ctx)
	do(t, ctx, "open the login page", chromedp.Navigate(s.url+"/login"), chromedp.WaitVisible(chromedp.CSS(`#login`)))
	waitTrue(t, ctx, "app.wasm requested", "performance.getEntriesByType('resource').some(e => e.name.includes('app.js'))")
	must(t, eval[bool](t, ctx, `document.activeElement && document.activeElement.id === 'login'`), "the login field has no focus before the app starts")
	do(t, ctx, "type before the app starts",
		chromedp.SendKeys(chromedp.CSS("#login"), "admin"),
		chromedp.SendKeys(chromedp.CSS("#password"), s.password))
	shot(t, ctx, "login-typed-before-app")
	must(t, gate.heldCount() > 0, "app.wasm was not requested or not held")
	must(t, eval[string](t, ctx, "document.documentElement.dataset.panel || ''") == "", "the app runs although app.wasm is held")
	gate.release()
	do(t, ctx, "the app starts", ready(`#login`))
	must(t, eval[string](t, ctx, "document.getElementById('login').value") == "admin", "the login typed early is lost")
	must(t, eval[string](t, ctx, "document.getElementById('password').value") == s.password, "the password typed early is lost")
	must(t, eval[string](t, ctx, "document.activeElement && document.activeElement.id") == "password",
		"the field typed in last has no focus once the app runs (focus on %q)", eval[string](t, ctx, "document.activeElement && document.activeElement.tagName"))
	do(t, ctx, "press Enter", chromedp.KeyEvent("\r"), ready(`a.client-link`))
}

// A user types and presses Enter (or clicks Log in) before the app has started: the form logs in
// by itself, the password never in a URL nor in the server's log.
func TestLoginSubmittedBeforeTheAppStarts(t *testing.T) {
	s := startServer(t)
	for _, how := range []string{"enter", "click"} {
		t.Run(how, func(t *testing.T) {
			ctx := newTab(t, "en-US", 60*time.Second)
			gate := holdWasm(t, ctx)
			do(t, ctx, "open a page behind the login", chromedp.Navigate(s.url+"/login?next=%2Ftasks"), chromedp.WaitVisible(chromedp.CSS(`#login`)))
			do(t, ctx, "type before the app starts",
				chromedp.SendKeys(chromedp.CSS("#login"), "admin"),
				chromedp.SendKeys(chromedp.CSS("#password"), s.password))
			must(t, eval[string](t, ctx, "document.documentElement.dataset.panel || ''") == "", "the app runs although app.wasm is held")
			submit := chromedp.KeyEvent("\r")
			if how == "click" {
				submit = chromedp.Click(chromedp.CSS(`button[type="submit"]`))
			}
			navigated := watchNavigation(ctx)
			do(t, ctx, "submit before the app starts", submit)
			waitNavigated(t, navigated, s.url+"/tasks")
			do(t, ctx, "the page asked for", chromedp.WaitNotPresent(chromedp.CSS(`#login`)), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
			waitTrue(t, ctx, "the form's answer", "location.pathname === '/tasks'")
			gate.release()
			do(t, ctx, "the app starts on the page asked for", ready(`main h1`))
			loc := eval[string](t, ctx, "location.href")
			must(t, loc == s.url+"/tasks", "after the login the browser is at %s, want %s/tasks", loc, s.url)
			log := activeLog()
			must(t, strings.Count(log, s.oneTime) == 1, "the one-time password is in the server's log beyond its first print")
			must(t, !strings.Contains(log, s.password), "the password is in the server's log")
			must(t, eval[bool](t, ctx, `fetch('/api/me').then(r => r.ok)`), "no session after the form's login")
		})
	}
}

// A wrong password sent before the app starts comes back to the form, which says so before
// and after the app starts; the password is in no URL.
func TestWrongPasswordBeforeTheAppStarts(t *testing.T) {
	s := startServer(t)
	ctx := newTab(t, "en-US", 60*time.Second)
	gate := holdWasm(t, ctx)
	do(t, ctx, "open the login page", chromedp.Navigate(s.url+"/login?next=%2Ftasks"), chromedp.WaitVisible(chromedp.CSS(`#login`)),
		chromedp.SendKeys(chromedp.CSS("#login"), "admin"),
		chromedp.SendKeys(chromedp.CSS("#password"), "not-the-password"),
		chromedp.KeyEvent("\r"), chromedp.WaitVisible(chromedp.CSS(`#login-error`)))
	loc := eval[string](t, ctx, "location.pathname + location.search")
	must(t, loc == "/login?error=login_failed&next=%2Ftasks", "after a wrong password the browser is at %s", loc)
	must(t, strings.HasPrefix(text(t, ctx, "#login-error"), "Login failed"), "the pre-rendered form says %q", text(t, ctx, "#login-error"))
	must(t, eval[string](t, ctx, "document.documentElement.dataset.panel || ''") == "", "the app runs although app.wasm is held")
	shot(t, ctx, "login-failed-before-app")
	gate.release()
	do(t, ctx, "the app starts", ready(`#login-error`))
	must(t, strings.HasPrefix(text(t, ctx, "#login-error"), "Login failed"), "the app's form says %q", text(t, ctx, "#login-error"))
	must(t, eval[string](t, ctx, "document.activeElement && document.activeElement.id") == "login", "the login field has no focus once the app runs")
	must(t, !strings.Contains(strings.Join(eval[[]string](t, ctx, "performance.getEntries().map(e => e.name)"), " "), "not-the-password"),
		"the password is in a URL the page loaded")
}

// watchNavigation reports the URL of every document the tab's top frame commits to from now
// on. Waiting for the form's answer this way, not by looking into the page, leaves no window in
// which the page looked into is the one being replaced.
func watchNavigation(ctx context.Context) <-chan string {
	urls := make(chan string, 16)
	chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*page.EventFrameNavigated); ok && e.Frame.ParentID == "" {
			select {
			case urls <- e.Frame.URL:
			default:
			}
		}
	})
	return urls
}

// waitNavigated waits until the top frame has committed to url, and fails the test with the
// URLs it committed to instead.
func waitNavigated(t *testing.T, urls <-chan string, url string) {
	t.Helper()
	var seen []string
	timeout := time.After(20 * time.Second)
	for {
		select {
		case u := <-urls:
			if u == url {
				if len(seen) > 0 {
					t.Logf("on the way to %s the browser went to %v", url, seen)
				}
				return
			}
			seen = append(seen, u)
		case <-timeout:
			t.Fatalf("the browser never went to %s (it went to %v)\nserver output:\n%s", url, seen, activeLog())
		}
	}
}
