package app

import (
	"net/url"
	"strings"

	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// langKey is where the language chosen with the EN/FR switch is remembered (localStorage).
const langKey = "coffre.lang"

// frame is what every page shares: the panel's language and the session. A page embeds it and
// calls nav from its OnNav; its fields are written only by go-app's state observers.
type frame struct {
	lang      string
	me        remote[account.Me]
	titleKey  string // the message key of the page's title, for the browser's tab
	adminOnly bool   // an administrator's page: a client is sent to its own panel
	observing bool
}

// t says the message key in the page's language.
func (f *frame) t(key string, args ...string) string { return tr(f.lang, key, args...) }

// nav names the page (titleKey), starts observing the language and the session (once per page)
// and asks for the session when it is not known yet. It runs in the browser only: OnNav is
// never called while pre-rendering on the server.
func (f *frame) nav(ctx app.Context, titleKey string) {
	f.titleKey = titleKey
	if app.IsServer {
		return
	}
	if !f.observing {
		f.observing = true
		ctx.ObserveState(stateLang).OnChange(func() { f.setTitle(ctx) }).Value(&f.lang)
		if f.lang == "" {
			f.lang = initialLang(ctx)
			ctx.SetState(stateLang, f.lang)
		}
		setDocumentLang(f.lang)
		ctx.ObserveState(stateMe).OnChange(func() { f.sessionChanged(ctx) }).Value(&f.me)
		ctx.Defer(func(app.Context) { markReady() })
	}
	f.setTitle(ctx)
	f.sendClientHome(ctx)
	f.mustChangePassword(ctx)
	if f.me.Status == idle || f.me.Status == failed {
		ctx.NewAction(actionLoadMe)
	}
}

// setTitle names the browser's tab after the page, in the panel's language.
func (f *frame) setTitle(ctx app.Context) {
	title := f.t("app.name")
	if f.titleKey != "" {
		title = f.t(f.titleKey) + " · " + title
	}
	ctx.Page().SetTitle(title)
}

// sessionChanged sends a page that needs a session to the login form once the session is over,
// and a client to its own panel.
func (f *frame) sessionChanged(ctx app.Context) {
	f.sendClientHome(ctx)
	f.mustChangePassword(ctx)
	if f.me.Status != failed || f.me.Err == nil || f.me.Err.HTTPStatus != 401 {
		return
	}
	path := ctx.Page().URL().Path
	if path == "/" || path == "/login" {
		return
	}
	ctx.Navigate(loginPath(ctx.Page().URL().RequestURI()))
}

// sendClientHome takes a client that is on an administrator's page, or on the Customer Panel of
// another client, to its own panel (the server would refuse it everything there anyway).
func (f *frame) sendClientHome(ctx app.Context) {
	if f.me.Status != loaded || f.me.Data.Role != "client" {
		return
	}
	path := ctx.Page().URL().Path
	if other := pathLogin(path, "/customer/"); f.adminOnly || (other != "" && other != f.me.Data.Client) {
		ctx.Navigate(homeOf(f.me.Data))
	}
}

// initialLang is the language remembered from the switch, else the browser's.
func initialLang(ctx app.Context) string {
	var lang string
	if err := ctx.LocalStorage().Get(langKey, &lang); err == nil && (lang == langEN || lang == langFR) {
		return lang
	}
	return pickLang(browserLang())
}

// onLang is the EN/FR switch: the button's value is the language, saved as the user's once
// logged in.
func (f *frame) onLang(ctx app.Context, e app.Event) {
	lang := pickLang(ctx.JSSrc().Get("value").String())
	ctx.SetState(stateLang, lang)
	ctx.LocalStorage().Set(langKey, lang)
	setDocumentLang(lang)
	if f.me.Status == loaded {
		ctx.NewActionWithValue(actionSaveLang, lang)
	}
}

func (f *frame) onLogout(ctx app.Context, e app.Event) {
	ctx.NewAction(actionLogout)
}

// isAdmin reports whether the session is the administrator's.
func (f *frame) isAdmin() bool { return f.me.Status == loaded && f.me.Data.Role == "admin" }

// pathLogin returns the client login that follows prefix in path ("/clients/" in
// "/clients/acme"), unescaped; "" when there is none.
func pathLogin(path, prefix string) string {
	rest, ok := strings.CutPrefix(path, prefix)
	if !ok {
		return ""
	}
	seg, _, _ := strings.Cut(rest, "/")
	login, err := url.PathUnescape(seg)
	if err != nil {
		return ""
	}
	return login
}

// accountFollower keeps the account of the client named in the page's path, following the path
// when it changes. Pages that show one client embed it.
type accountFollower struct {
	login string
	acct  remote[account.Account]
}

// follow observes login's account (once per login) and asks for it again.
func (a *accountFollower) follow(ctx app.Context, login string) {
	if app.IsServer || login == "" {
		return
	}
	if login != a.login {
		a.login = login
		a.acct = remote[account.Account]{}
		ctx.ObserveState(stateAccount(login)).While(func() bool { return a.login == login }).Value(&a.acct)
	}
	ctx.NewActionWithValue(actionLoadAccount, login)
}

// onRetry asks for the account again, after a failure.
func (a *accountFollower) onRetry(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionLoadAccount, a.login)
}
