package app

import (
	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// loginPage is the login form ("/" and "/login"). A user who already has a session goes on to
// its start page, or to the page it was sent from (?next=). Before the app runs, the
// pre-rendered form works by itself: the browser posts it to the page's URL, which the server
// answers (server/api's formLogin) with a redirect to ?next= or back here with ?error=CODE.
type loginPage struct {
	app.Compo
	frame
	attempt remote[account.Me]
	watched bool
	posted  string // why the login posted by the browser itself was refused (?error=CODE)
}

// OnPreRender shows, in the pre-rendered page, why the form posted by the browser was refused.
func (p *loginPage) OnPreRender(ctx app.Context) {
	p.posted = ctx.Page().URL().Query().Get("error")
}

// OnMount keeps what was typed in the pre-rendered form before the app started, and puts the
// focus in the form.
func (p *loginPage) OnMount(ctx app.Context) {
	ctx.Defer(func(app.Context) { takeEarlyForm("login", "password") })
}

func (p *loginPage) OnNav(ctx app.Context) {
	p.frame.nav(ctx, "login.submit")
	p.posted = ctx.Page().URL().Query().Get("error")
	if app.IsServer || p.watched {
		return
	}
	p.watched = true
	ctx.ObserveState(stateLogin).Value(&p.attempt)
	ctx.ObserveState(stateMe).OnChange(func() { p.goOnIfLoggedIn(ctx) }).Value(&p.me)
	p.goOnIfLoggedIn(ctx)
}

func (p *loginPage) goOnIfLoggedIn(ctx app.Context) {
	if p.me.Status == loaded && p.attempt.Status != loaded {
		ctx.Navigate(p.next(ctx, p.me.Data))
	}
}

// next is where to go once logged in: ?next= when it is a path of this site, else home.
func (p *loginPage) next(ctx app.Context, me account.Me) string {
	if n := ctx.Page().URL().Query().Get("next"); isLocalPath(n) {
		return n
	}
	return homeOf(me)
}

func (p *loginPage) Render() app.UI {
	busy := p.attempt.Status == loading
	var problem app.UI
	if p.attempt.Status == failed && p.attempt.Err != nil {
		problem = p.problem(p.attempt.Err.Problem)
	} else if p.attempt.Status == idle && p.posted != "" {
		problem = p.problem(account.Problem{Code: p.posted})
	}
	submit := p.t("login.submit")
	if busy {
		submit = p.t("login.busy")
	}
	return app.Div().Class("app app-login").Body(
		p.topBar(),
		app.Main().ID("main").Class("login").Body(
			app.Form().Method("post").Class("card login-card").Aria("labelledby", "login-title").OnSubmit(p.onSubmit).Body(
				app.H1().ID("login-title").Text(p.t("login.title")),
				app.P().Class("muted").Text(p.t("login.intro")),
				problem,
				field("login", p.t("login.login"), app.Input().ID("login").Name("login").Type("text").
					Attr("autocomplete", "username").Attr("autocapitalize", "none").Spellcheck(false).Required(true).AutoFocus(true)),
				field("password", p.t("login.password"), app.Input().ID("password").Name("password").Type("password").
					Attr("autocomplete", "current-password").Required(true)),
				p.submitButton(busy, submit),
			),
		),
	)
}

func (p *loginPage) problem(pb account.Problem) app.UI {
	return app.P().Class("alert").Role("alert").ID("login-error").Body(icon("alert"), app.Span().Text(problemText(p.lang, pb)))
}

// submitButton is disabled while a login is under way. (go-app pre-renders Disabled(false) as
// disabled="false", which browsers read as disabled: the attribute is set only when true.)
func (p *loginPage) submitButton(busy bool, label string) app.UI {
	b := app.Button().Type("submit").Class("btn btn-primary btn-wide").Text(label)
	if busy {
		b = b.Disabled(true).Aria("busy", "true")
	}
	return b
}

// onSubmit reads the fields from the form itself, so a password filled in by the browser counts.
func (p *loginPage) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	fields := ctx.JSSrc().Get("elements")
	c := credentials{
		Login:    fields.Get("login").Get("value").String(),
		Password: fields.Get("password").Get("value").String(),
		Next:     ctx.Page().URL().Query().Get("next"),
	}
	if !isLocalPath(c.Next) {
		c.Next = ""
	}
	ctx.NewActionWithValue(actionLogin, c)
}

// field is a label above its input.
func field(id, label string, input app.UI) app.UI {
	return app.Div().Class("field").Body(app.Label().For(id).Text(label), input)
}
