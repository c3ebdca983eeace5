package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Actions of the download of a password-protected backup: the archive comes decrypted, the
// password posted in a form (never in a URL), once the server said it opens the backup.
const (
	actionAskDownload    = "download/ask"    // value: backupRef, without a password
	actionDownloadBackup = "download/start"  // value: backupRef with the password
	actionCancelDownload = "download/cancel" // value: login
)

func stateDownload(login string) string { return "download/" + login } // downloadState

// downloadState is where the download of a protected backup stands.
type downloadState struct {
	Ask     *backupRef // the backup whose password is asked (its Password empty)
	Busy    bool       // the password is being checked
	Started string     // the backup whose download the browser started
	Err     *failure
}

func (r backupRef) key() string { return r.Login + "/" + r.Storage + "/" + r.Name }

func registerDownloadActions() {
	app.Handle(actionAskDownload, handleAskDownload)
	app.Handle(actionDownloadBackup, handleDownloadBackup)
	app.Handle(actionCancelDownload, withLogin(func(ctx app.Context, login string) {
		ctx.SetState(stateDownload(login), downloadState{})
	}))
}

// handleAskDownload downloads at once with the password that opened the backup before (its
// Contents page), else asks it.
func handleAskDownload(ctx app.Context, a app.Action) {
	r, ok := a.Value.(backupRef)
	if !ok || r.Login == "" {
		return
	}
	if knownPassword(ctx, &r) {
		handleDownloadBackup(ctx, app.Action{Value: r})
		return
	}
	ctx.SetState(stateDownload(r.Login), downloadState{Ask: &r})
}

// handleDownloadBackup checks the password, then has the browser post it to the download: the
// page stays, the browser saves the archive.
func handleDownloadBackup(ctx app.Context, a app.Action) {
	r, ok := a.Value.(backupRef)
	if !ok || r.Login == "" || r.Password == "" {
		return
	}
	ask := r
	ask.Password = ""
	var cur downloadState
	ctx.GetState(stateDownload(r.Login), &cur)
	ctx.SetState(stateDownload(r.Login), downloadState{Ask: cur.Ask, Busy: true}) // the dialog stays if shown
	if f := checkBackupPassword(ctx, r); f != nil {
		next := downloadState{Err: f}
		if isPasswordProblem(f) { // asked (again) in the dialog, said next to the field
			next.Ask = &ask
		}
		ctx.SetState(stateDownload(r.Login), next)
		return
	}
	pw := r.Password
	ctx.Dispatch(func(ctx app.Context) { postDownload(backupPath(r)+"/download", pw) })
	ctx.SetState(stateDownload(r.Login), downloadState{Started: r.Name})
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
