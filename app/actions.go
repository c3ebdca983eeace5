package app

import (
	"net/url"

	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// State keys in go-app's store. Only the handlers below write the remote ones.
const (
	stateLang    = "lang"    // string: "en" or "fr"
	stateMe      = "me"      // remote[account.Me]: the session
	stateLogin   = "login"   // remote[account.Me]: the login form's last attempt
	stateClients = "clients" // remote[[]account.ClientSummary]
)

// stateAccount is the key of one client's remote[account.Account].
func stateAccount(login string) string { return "account/" + login }

// Actions. Each handler runs on its own goroutine (go-app's global handlers are asynchronous).
const (
	actionLoadMe      = "me/load"
	actionLoadClients = "clients/load"
	actionLoadAccount = "account/load" // value: the client's login
	actionLogin       = "session/login"
	actionLogout      = "session/logout"
)

// credentials is the login form's value for actionLogin; Next is where to go once logged in.
type credentials struct {
	Login    string `json:"login"`
	Password string `json:"password"`
	Next     string `json:"-"`
}

func registerActions() {
	app.Handle(actionLoadMe, loadMe)
	app.Handle(actionLoadClients, func(ctx app.Context, a app.Action) {
		q, _ := a.Value.(listQuery) // the page asked for; none is the first
		load[[]account.ClientSummary](ctx, stateClients, q.path("/api/clients"))
	})
	app.Handle(actionLoadAccount, func(ctx app.Context, a app.Action) {
		if login, ok := a.Value.(string); ok && login != "" {
			load[account.Account](ctx, stateAccount(login), clientPath(login))
		}
	})
	app.Handle(actionLogin, handleLogin)
	app.Handle(actionLogout, handleLogout)
	registerTaskActions()
	registerFTPActions()
	registerRestoreActions()
	registerContentsActions()
	registerManageActions()
	registerPasswordUseActions()
	registerDatabaseActions()
	registerScheduleActions()
	registerBackupMoreActions()
	registerAdminActions()
	registerLangActions()
}

// load fetches path into the state key. Data already loaded stays on screen while it is
// fetched again; a 401 marks the session as ended, which sends the page to the login form.
func load[T any](ctx app.Context, key, path string) {
	var r remote[T]
	ctx.GetState(key, &r)
	if r.Status == loading {
		return
	}
	if r.Status != loaded {
		ctx.SetState(key, remote[T]{Status: loading})
	}
	var data T
	if f := call(ctx, "GET", path, nil, &data); f != nil {
		if f.HTTPStatus == 401 && key != stateMe {
			ctx.SetState(stateMe, remote[account.Me]{Status: failed, Err: f})
		}
		ctx.SetState(key, remote[T]{Status: failed, Err: f})
		return
	}
	ctx.SetState(key, remote[T]{Status: loaded, Data: data})
}

func handleLogin(ctx app.Context, a app.Action) {
	c, ok := a.Value.(credentials)
	if !ok {
		return
	}
	ctx.SetState(stateLogin, remote[account.Me]{Status: loading})
	var me account.Me
	if f := call(ctx, "POST", "/api/login", c, &me); f != nil {
		ctx.SetState(stateLogin, remote[account.Me]{Status: failed, Err: f})
		return
	}
	ctx.SetState(stateLogin, remote[account.Me]{Status: loaded, Data: me})
	ctx.SetState(stateMe, remote[account.Me]{Status: loaded, Data: me})
	useSavedLang(ctx, me)
	next := c.Next
	if !isLocalPath(next) {
		next = homeOf(me)
	}
	ctx.Navigate(next)
}

// handleLogout ends the session and loads the login page afresh, so nothing of the session stays
// in the browser's memory.
func handleLogout(ctx app.Context, a app.Action) {
	call(ctx, "POST", "/api/logout", nil, nil)
	loadPage("/login")
}

// homeOf is where a user starts: Clients for the administrator, its own panel for a client.
func homeOf(me account.Me) string {
	if me.Role == "client" && me.Client != "" {
		return customerPath(me.Client, "")
	}
	return "/clients"
}

// customerPath is a page of the Customer Panel of login: "", "/account", "/backups"...
func customerPath(login, page string) string {
	return "/customer/" + url.PathEscape(login) + page
}

// loginPath is the login form that comes back to path once logged in.
func loginPath(path string) string {
	if !isLocalPath(path) || path == "/" || path == "/login" {
		return "/login"
	}
	return "/login?next=" + url.QueryEscape(path)
}

// isLocalPath reports whether p is a path of this site (never another host, as "//x" would be;
// browsers drop tabs and newlines and read "\\" as "/", so those are refused too).
func isLocalPath(p string) bool {
	if len(p) == 0 || p[0] != '/' || (len(p) > 1 && p[1] == '/') {
		return false
	}
	for i := 0; i < len(p); i++ {
		if p[i] < 0x20 || p[i] == 0x7f || p[i] == '\\' {
			return false
		}
	}
	return true
}
