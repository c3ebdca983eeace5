package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// passwordUse is an action on a password-protected backup that needs its password first
// (Download, Verify): the password that opened the backup before (its Contents page), else one
// asked in the page's dialog (passwordBox), is checked by the server (a wrong one said next to
// the field, nothing started), then the action runs with it.
type passwordUse struct {
	key string // "download", "verify": its actions KEY/ask, KEY/with, KEY/cancel and its ids
	// aloneOnError: a refusal other than a wrong password closes the dialog and is said alone
	// (else it is said in the dialog, which stays).
	aloneOnError bool
	run          func(ctx app.Context, u *passwordUse, r backupRef) // the action, r.Password checked
	// the dialog's title (with the backup's name), help and button, as translation keys
	title, help, submit string
}

var (
	// downloadUse has the browser post the password to the download: the page stays, the
	// browser saves the archive, decrypted.
	downloadUse = &passwordUse{key: "download", aloneOnError: true, run: startDownload,
		title: "download.title", help: "download.help", submit: "download.submit"}
	verifyUse = &passwordUse{key: "verify", run: func(ctx app.Context, _ *passwordUse, r backupRef) {
		handleVerifyBackup(ctx, app.Action{Value: r})
	}, title: "verify.password.title", help: "verify.password.help", submit: "manage.verify"}
)

// passwordAsk is where a passwordUse stands for a login.
type passwordAsk struct {
	Ask     *backupRef // the backup whose password is asked (its Password empty)
	Busy    bool       // the password is being checked
	Started string     // the backup whose download the browser started
	Err     *failure
}

func (u *passwordUse) ask() string    { return u.key + "/ask" }  // value: backupRef, no password
func (u *passwordUse) with() string   { return u.key + "/with" } // value: backupRef with the password
func (u *passwordUse) cancel() string { return u.key + "/cancel" }

func (u *passwordUse) state(login string) string { return "password-" + u.key + "/" + login } // passwordAsk

func (r backupRef) key() string { return r.Login + "/" + r.Storage + "/" + r.Name }

func registerPasswordUseActions() {
	for _, u := range []*passwordUse{downloadUse, verifyUse} {
		app.Handle(u.ask(), u.handleAsk)
		app.Handle(u.with(), u.handleWith)
		app.Handle(u.cancel(), withLogin(func(ctx app.Context, login string) {
			ctx.SetState(u.state(login), passwordAsk{})
		}))
	}
}

// handleAsk runs the action with the password known for the backup, else asks it.
func (u *passwordUse) handleAsk(ctx app.Context, a app.Action) {
	r, ok := a.Value.(backupRef)
	if !ok || r.Login == "" {
		return
	}
	if knownPassword(ctx, &r) {
		u.handleWith(ctx, app.Action{Value: r})
		return
	}
	ctx.SetState(u.state(r.Login), passwordAsk{Ask: &r})
}

// handleWith checks the password, then runs the action with it.
func (u *passwordUse) handleWith(ctx app.Context, a app.Action) {
	r, ok := a.Value.(backupRef)
	if !ok || r.Login == "" || r.Password == "" {
		return
	}
	ask := r
	ask.Password = ""
	var cur passwordAsk
	ctx.GetState(u.state(r.Login), &cur)
	ctx.SetState(u.state(r.Login), passwordAsk{Ask: cur.Ask, Busy: true}) // the dialog stays if shown
	if f := checkBackupPassword(ctx, r); f != nil {
		next := passwordAsk{Ask: &ask, Err: f}
		if u.aloneOnError && !isPasswordProblem(f) {
			next.Ask = nil
		}
		ctx.SetState(u.state(r.Login), next)
		return
	}
	ctx.SetState(u.state(r.Login), passwordAsk{})
	u.run(ctx, u, r)
}

// startDownload has the browser post the password to the download, and says it started.
func startDownload(ctx app.Context, u *passwordUse, r backupRef) {
	pw := r.Password
	ctx.Dispatch(func(ctx app.Context) { postDownload(backupPath(r)+"/download", pw) })
	ctx.SetState(u.state(r.Login), passwordAsk{Started: r.Name})
}

// postDownload has the browser post a form with the password to path; the answer, an
// attachment, is saved by the browser while the page stays.
func postDownload(path, pw string) {
	doc := app.Window().Get("document")
	form := doc.Call("createElement", "form")
	form.Set("method", "post")
	form.Set("action", path)
	form.Set("hidden", true)
	in := doc.Call("createElement", "input")
	in.Set("type", "hidden")
	in.Set("name", "password")
	in.Set("value", pw)
	form.Call("appendChild", in)
	doc.Get("body").Call("appendChild", form)
	form.Call("submit")
	form.Call("remove")
}
