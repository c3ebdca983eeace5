package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// passwordPath is the page where the administrator or a client changes its own password; the
// one-time password printed at first start must be changed there before anything else.
const passwordPath = "/password"

// passwordPage changes the session's own password: the current one, the new one twice.
type passwordPage struct {
	app.Compo
	frame
	state              remote[struct{}]
	current, pw, again string
	mismatch           bool
	watched            bool
}

func (p *passwordPage) OnNav(ctx app.Context) {
	p.frame.nav(ctx, "password.own.title")
	if app.IsServer || p.watched {
		return
	}
	p.watched = true
	ctx.SetState(stateOwnPassword, remote[struct{}]{})
	ctx.ObserveState(stateOwnPassword).Value(&p.state)
}

func (p *passwordPage) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	p.mismatch = p.pw != p.again
	if p.mismatch || p.state.Status == loading {
		return
	}
	ctx.NewActionWithValue(actionChangePassword, ownPassword{Current: p.current, Password: p.pw})
	p.current, p.pw, p.again = "", "", ""
	for _, id := range []string{"pw-current", "pw-new", "pw-again"} {
		clearField(id)
	}
}

func (p *passwordPage) Render() app.UI {
	var nav []navLink
	label := p.t("nav.admin")
	if p.me.Status == loaded && !p.me.Data.MustChange {
		if p.isAdmin() {
			nav = p.adminNav("")
		} else {
			nav, label = p.customerNav(p.me.Data.Client, ""), p.t("nav.customer")
		}
	}
	return p.shell(page{title: p.t("password.own.title"), navLabel: label, nav: nav, body: []app.UI{p.form()}})
}

func (p *passwordPage) form() app.UI {
	var intro app.UI = app.P().Class("muted").Text(p.t("password.own.help"))
	if p.me.Data.MustChange {
		intro = app.P().Class("note").ID("pw-forced").Body(icon("info"), app.Span().Text(p.t("password.own.forced")))
	}
	set := func(dst *string) app.EventHandler { return func(ctx app.Context, e app.Event) { *dst = valueOf(ctx) } }
	input := func(id, auto string, dst *string) app.HTMLInput {
		return app.Input().Type("password").ID(id).Required(true).Attr("autocomplete", auto).OnInput(set(dst))
	}
	return app.Form().Class("card password-form").ID("own-password").Method("post").OnSubmit(p.onSubmit).
		Aria("label", p.t("password.own.title")).Body(
		intro,
		// the login lets a password manager file the new password under the right account
		app.Input().Type("text").Hidden(true).Attr("autocomplete", "username").Value(p.me.Data.Login).ReadOnly(true),
		p.pwField("pw-current", "password.current", "", "current", input("pw-current", "current-password", &p.current)),
		p.pwField("pw-new", "password.new", p.t("password.rules"), "password", input("pw-new", "new-password", &p.pw)),
		p.pwField("pw-again", "password.again", "", "again", input("pw-again", "new-password", &p.again)),
		p.outcome(),
		app.Div().Class("form-buttons").Body(
			app.Button().Type("submit").ID("pw-save").Class("btn btn-primary").Disabled(p.state.Status == loading).
				Text(p.t("password.change")),
		),
	)
}

// pwField is one password box with its label, help and what the server said of it.
func (p *passwordPage) pwField(id, labelKey, help, field string, in app.HTMLInput) app.UI {
	var errs app.UI
	if field == "again" && p.mismatch {
		errs = app.Ul().Class("field-error").ID(id + "-error").Body(app.Li().Body(icon("alert"), app.Span().Text(p.t("password.mismatch"))))
	} else if pr := problemOn(p.state, field); pr != nil {
		errs = p.fieldErrors(id, pr)
	}
	if errs != nil {
		in = in.Aria("invalid", "true").Aria("describedby", id+"-error")
	} else if help != "" {
		in = in.Aria("describedby", id+"-help")
	}
	return app.Div().Class("field").Body(app.Label().For(id).Text(p.t(labelKey)), helpLine(id, help), in, errs)
}

func (p *passwordPage) outcome() app.UI {
	switch p.state.Status {
	case loaded:
		return app.P().Class("saved").ID("pw-saved").Role("status").Body(icon("check"), app.Span().Text(p.t("password.own.done")))
	case failed:
		if problemOn(p.state, p.state.Err.Problem.Field) == nil || p.state.Err.Problem.Field == "" {
			return p.failureView(p.state.Err, nil)
		}
	}
	return nil
}
