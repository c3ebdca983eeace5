package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// Actions of the verification of a password-protected backup: its password is asked in the
// page, checked by the server (a wrong one said next to the field, no task queued), then the
// verification starts with it.
const (
	actionAskVerify    = "verify/ask"    // value: backupRef, without a password
	actionVerifyWith   = "verify/check"  // value: backupRef with the password
	actionCancelVerify = "verify/cancel" // value: login
)

func stateVerifyAsk(login string) string { return "verify-ask/" + login } // verifyAsk

// verifyAsk is where the password of a protected backup to verify stands.
type verifyAsk struct {
	Ask  *backupRef // the backup whose password is asked (its Password empty)
	Busy bool       // the password is being checked
	Err  *failure
}

func registerVerifyPasswordActions() {
	app.Handle(actionAskVerify, handleAskVerify)
	app.Handle(actionVerifyWith, handleVerifyWith)
	app.Handle(actionCancelVerify, withLogin(func(ctx app.Context, login string) {
		ctx.SetState(stateVerifyAsk(login), verifyAsk{})
	}))
}

// handleAskVerify verifies with the password that opened the backup before (its Contents page,
// its Download), else asks it.
func handleAskVerify(ctx app.Context, a app.Action) {
	r, ok := a.Value.(backupRef)
	if !ok || r.Login == "" {
		return
	}
	if knownPassword(ctx, &r) {
		handleVerifyWith(ctx, app.Action{Value: r})
		return
	}
	ctx.SetState(stateVerifyAsk(r.Login), verifyAsk{Ask: &r})
}

// handleVerifyWith checks the password, then starts the verification with it.
func handleVerifyWith(ctx app.Context, a app.Action) {
	r, ok := a.Value.(backupRef)
	if !ok || r.Login == "" || r.Password == "" {
		return
	}
	ask := r
	ask.Password = ""
	var cur verifyAsk
	ctx.GetState(stateVerifyAsk(r.Login), &cur)
	ctx.SetState(stateVerifyAsk(r.Login), verifyAsk{Ask: cur.Ask, Busy: true}) // the dialog stays if shown
	if f := checkBackupPassword(ctx, r); f != nil {
		ctx.SetState(stateVerifyAsk(r.Login), verifyAsk{Ask: &ask, Err: f})
		return
	}
	ctx.SetState(stateVerifyAsk(r.Login), verifyAsk{})
	handleVerifyBackup(ctx, app.Action{Value: r})
}
