package app

import (
	"net/url"
	"strconv"

	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// pageSize is how many rows a page of the Clients and Tasks lists shows; one more is asked for,
// to know whether a next page exists.
const pageSize = 50

// listQuery is the page of a list asked for: the search and the first row.
type listQuery struct {
	Q      string
	Offset int
}

// path is the API path of the page of base the query asks for.
func (q listQuery) path(base string) string {
	v := url.Values{"limit": {strconv.Itoa(pageSize + 1)}}
	if q.Offset > 0 {
		v.Set("offset", strconv.Itoa(q.Offset))
	}
	if q.Q != "" {
		v.Set("q", q.Q)
	}
	return base + "?" + v.Encode()
}

// Actions of the administration and of one's own password.
const (
	actionAdmin          = "admin/op"        // value: adminOp
	actionChangePassword = "password/change" // value: ownPassword
)

// State keys of the outcomes.
const (
	stateOwnPassword = "password/own" // remote[struct{}]
)

// stateAdminOp is the key of the outcome of one form or button of the administration.
func stateAdminOp(key string) string { return "admin/" + key }

// adminOp is one change the administrator makes: a request to the API whose outcome goes to
// stateAdminOp(Key). Once done, the account of Reload is loaded again and the panel goes to
// Next (when set).
type adminOp struct {
	Key    string
	Method string
	Path   string
	Body   any
	Reload string
	Next   string
}

// ownPassword is the form that changes one's own password.
type ownPassword struct {
	Current  string `json:"current"`
	Password string `json:"password"`
}

func registerAdminActions() {
	app.Handle(actionAdmin, handleAdminOp)
	app.Handle(actionChangePassword, handleChangePassword)
}

func handleAdminOp(ctx app.Context, a app.Action) {
	op, ok := a.Value.(adminOp)
	if !ok || op.Key == "" {
		return
	}
	key := stateAdminOp(op.Key)
	ctx.SetState(key, remote[struct{}]{Status: loading})
	if f := send(ctx, op.Method, op.Path, op.Body, nil); f != nil {
		ctx.SetState(key, remote[struct{}]{Status: failed, Err: f})
		return
	}
	ctx.SetState(key, remote[struct{}]{Status: loaded})
	if op.Reload != "" {
		ctx.NewActionWithValue(actionLoadAccount, op.Reload)
	}
	if op.Next != "" {
		ctx.Navigate(op.Next)
	}
}

// handleChangePassword changes the session's password; the server answers with a new session,
// and the panel goes home (the change was maybe forced before anything else).
func handleChangePassword(ctx app.Context, a app.Action) {
	pw, ok := a.Value.(ownPassword)
	if !ok {
		return
	}
	ctx.SetState(stateOwnPassword, remote[struct{}]{Status: loading})
	var me account.Me
	if f := call(ctx, "PUT", "/api/me/password", pw, &me); f != nil {
		ctx.SetState(stateOwnPassword, remote[struct{}]{Status: failed, Err: f})
		return
	}
	var before remote[account.Me]
	ctx.GetState(stateMe, &before)
	ctx.SetState(stateOwnPassword, remote[struct{}]{Status: loaded})
	ctx.SetState(stateMe, remote[account.Me]{Status: loaded, Data: me})
	if before.Data.MustChange {
		ctx.Navigate(homeOf(me))
	}
}

// mustChangePassword sends a user who still has the one-time password to the page that
// changes it, from any other page.
func (f *frame) mustChangePassword(ctx app.Context) {
	if f.me.Status == loaded && f.me.Data.MustChange && ctx.Page().URL().Path != passwordPath {
		ctx.Navigate(passwordPath)
	}
}
