package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// clientPassword is the administrator's form that sets a client's password for its own panel.
type clientPassword struct {
	pwLogin string // the login whose state is observed
	pwState remote[struct{}]
	pwText  string
}

// watchPassword observes login's password state (once per login).
func (c *clientPassword) watchPassword(ctx app.Context, login string) {
	if app.IsServer || login == "" || c.pwLogin == login {
		return
	}
	c.pwLogin, c.pwState, c.pwText = login, remote[struct{}]{}, ""
	ctx.ObserveState(statePassword(login)).While(func() bool { return c.pwLogin == login }).Value(&c.pwState)
}

func (p *clientPage) onPassword(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.pwText != "" {
		ctx.NewActionWithValue(actionSetPassword, passwordChange{Login: p.login, Password: p.pwText})
		p.pwText = ""
		clearField("client-password-new")
	}
}

func (p *clientPage) onPasswordInput(ctx app.Context, e app.Event) { p.pwText = valueOf(ctx) }

// passwordForm lets the administrator give the client a password for its own panel.
func (p *clientPage) passwordForm() app.UI {
	b := app.Button().Type("submit").ID("client-password-set").Class("btn").Text(p.t("password.set"))
	var outcome app.UI
	switch p.pwState.Status {
	case loading:
		b = b.Disabled(true).Aria("busy", "true")
	case loaded:
		outcome = app.P().Class("saved").Role("status").Body(icon("check"), app.Span().Text(p.t("password.done")))
	case failed:
		outcome = p.failureView(p.pwState.Err, nil)
	}
	return app.Form().Class("card password-form").ID("client-password").Method("post").OnSubmit(p.onPassword).
		Aria("labelledby", "password-title").Body(
		app.H2().ID("password-title").Class("h-small").Text(p.t("password.title")),
		app.Div().Class("field").Body(
			app.Label().For("client-password-new").Text(p.t("password.new")),
			helpLine("client-password-new", p.t("password.help", p.login)),
			app.Input().Type("password").ID("client-password-new").Attr("autocomplete", "new-password").
				Aria("describedby", "client-password-new-help").OnInput(p.onPasswordInput),
		),
		outcome,
		app.Div().Class("form-buttons").Body(b),
	)
}
