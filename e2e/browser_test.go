package e2e

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// chromiumPath is Debian's Chromium; CHROMIUM overrides it.
func chromiumPath() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/chromium-headless-shell"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

// shotDir is where screenshots go: testout/browser/ at the repository's root (gitignored).
const shotDir = "../testout/browser"

var (
	browserCtx    context.Context
	browserCancel context.CancelFunc
	browserErr    error
	browserOnce   sync.Once
	userDataDir   string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if browserCancel != nil {
		browserCancel()
	}
	os.RemoveAll(userDataDir)
	server.stop()
	os.Exit(code)
}

// startBrowser starts one headless Chromium for the package, with a fresh profile.
func startBrowser(t *testing.T) context.Context {
	t.Helper()
	path := chromiumPath()
	if path == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("Chromium is missing: .ci/run installs Debian's chromium")
		}
		t.Skip("Chromium is missing (apt-get install chromium); browser tests skipped")
	}
	browserOnce.Do(func() {
		userDataDir, browserErr = os.MkdirTemp("", "coffre-chromium-")
		if browserErr != nil {
			return
		}
		opts := append(chromedp.DefaultExecAllocatorOptions[:],
			chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.UserDataDir(userDataDir),
			chromedp.Flag("disable-component-update", true), chromedp.Flag("lang", "en-US"),
			chromedp.WindowSize(1280, 900),
		)
		alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
		ctx, cancel := chromedp.NewContext(alloc)
		browserCtx, browserCancel = ctx, func() { cancel(); cancelAlloc() }
		_, browserErr = chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void]("1")) // starts the browser
	})
	if browserErr != nil {
		t.Fatalf("start Chromium: %v", browserErr)
	}
	return browserCtx
}

// newTab opens a tab in its own browser context (no cookies, no storage shared with other
// tests), bounded by timeout. locale, when set, is the browser's language (navigator.language).
func newTab(t *testing.T, locale string, timeout time.Duration) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(startBrowser(t), chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void]("1")); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	if locale != "" {
		speak(t, ctx, locale)
	}
	tctx, tcancel := context.WithTimeout(ctx, timeout)
	t.Cleanup(tcancel)
	return tctx
}

// speak makes the tab's browser speak locale ("fr-FR"): navigator.language, Accept-Language
// and the formats of dates and numbers.
func speak(t *testing.T, ctx context.Context, locale string) {
	t.Helper()
	ua := eval[string](t, ctx, "navigator.userAgent")
	lang, _, _ := strings.Cut(locale, "-")
	if _, err := chromedp.Call(ctx, emulation.SetUserAgentOverride,
		emulation.SetUserAgentOverrideParams{UserAgent: ua, AcceptLanguage: locale + "," + lang}); err != nil {
		t.Fatalf("set the browser's language: %v", err)
	}
	if _, err := chromedp.Call(ctx, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: strings.ReplaceAll(locale, "-", "_")}); err != nil {
		t.Fatalf("set the browser's locale: %v", err)
	}
}

// do runs the steps and fails the test with what it was doing.
func do(t *testing.T, ctx context.Context, what string, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatalf("%s: %v\nserver output:\n%s", what, err, activeLog())
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("evaluate %s: %v", expr, err)
	}
	return v
}

// ready waits until the panel runs in the browser (not only its pre-rendered page) and shows sel.
func ready(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.WaitVisible(chromedp.CSS(`html[data-panel="ready"] ` + sel))
}

// shot saves a screenshot of the whole page as testout/browser/NAME.png.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	if err := os.MkdirAll(shotDir, 0o755); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(shotDir, name+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(file)
	t.Logf("screenshot %s", abs)
}

// logIn opens the root URL and logs in as the administrator, as a new user would; it returns
// how long the login form took to be usable after the navigation (a first visit: the wasm is
// downloaded and compiled), and the Clients page after the click on Log in.
func logIn(t *testing.T, ctx context.Context, s *coffre) (form, clients time.Duration) {
	t.Helper()
	start := time.Now()
	do(t, ctx, "open the root URL", chromedp.Navigate(s.url+"/"), ready(`#login`))
	form = time.Since(start)
	do(t, ctx, "fill the login form",
		chromedp.SendKeys(chromedp.CSS("#login"), "admin"),
		chromedp.SendKeys(chromedp.CSS("#password"), s.password),
	)
	start = time.Now()
	do(t, ctx, "log in", chromedp.Click(chromedp.CSS(`button[type="submit"]`)), ready(`a.client-link`))
	return form, time.Since(start)
}

// noSideScroll asserts that the page does not scroll sideways at the current width.
func noSideScroll(t *testing.T, ctx context.Context, where string, width int) {
	t.Helper()
	if got := eval[int](t, ctx, "document.documentElement.scrollWidth"); got > width {
		t.Errorf("%s: the page is %d px wide at %d px: it scrolls sideways", where, got, width)
	}
}

// text is the visible text of the first element matching sel.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.Join(strings.Fields(s), " ")
}

func must(t *testing.T, cond bool, format string, args ...any) {
	t.Helper()
	if !cond {
		t.Errorf(format, args...)
	}
}

// waitTrue waits up to 10 s for a JavaScript expression to hold in the page (the panel renders
// a change on its next frame, not at once).
func waitTrue(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	ok := eval[bool](t, ctx, `new Promise(done => {
		const until = Date.now() + 10000;
		const check = () => {
			let v = false;
			try { v = !!(`+expr+`); } catch (e) {}
			if (v || Date.now() > until) return done(v);
			setTimeout(check, 20);
		};
		check();
	})`)
	if !ok {
		t.Fatalf("%s: %s never held", what, expr)
	}
}
