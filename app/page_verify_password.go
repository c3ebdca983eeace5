package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// verifyBox asks a protected backup's password for its verification on the Backup Manager,
// and says a wrong one next to the field before any task is queued.
type verifyBox struct {
	app.Compo
	Login string
	Lang  string

	state   verifyAsk
	watched string
}

// OnMount forgets a dialog left open on an earlier visit.
func (v *verifyBox) OnMount(ctx app.Context) {
	v.observe(ctx)
	if v.Login != "" {
		ctx.NewActionWithValue(actionCancelVerify, v.Login)
	}
}

func (v *verifyBox) OnUpdate(ctx app.Context) { v.observe(ctx) }

func (v *verifyBox) observe(ctx app.Context) {
	if v.watched == v.Login || v.Login == "" {
		return
	}
	login := v.Login
	v.watched, v.state = login, verifyAsk{}
	ctx.ObserveState(stateVerifyAsk(login)).While(func() bool { return v.watched == login }).
		OnChange(func() { ctx.Defer(v.focus) }).Value(&v.state)
}

// focus puts the keyboard in the password field when the dialog asks it, or says it is wrong.
func (v *verifyBox) focus(ctx app.Context) {
	if v.state.Ask != nil && !v.state.Busy {
		focusField("verify-password")
	}
}

func (v *verifyBox) t(key string, args ...string) string { return tr(v.Lang, key, args...) }

func (v *verifyBox) Render() app.UI {
	s := v.state
	switch {
	case s.Ask != nil:
		r := *s.Ask
		return passwordDialog{ID: "verify", Lang: v.Lang, Title: v.t("verify.password.title", r.Name),
			Help: v.t("verify.password.help"), Submit: v.t("manage.verify"), Busy: s.Busy, Err: s.Err,
			OnSubmit: func(ctx app.Context, pw string) {
				r.Password = pw
				ctx.NewActionWithValue(actionVerifyWith, r)
			},
			OnCancel: func(ctx app.Context) { ctx.NewActionWithValue(actionCancelVerify, r.Login) },
		}.UI()
	case s.Busy:
		return app.P().Class("note loading").Role("status").ID("verify-busy").Text(v.t("download.busy"))
	}
	return app.Div().ID("verify-box")
}
