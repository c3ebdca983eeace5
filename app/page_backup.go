package app

import (
	"net/url"

	"coffre/engine/account"
	"coffre/engine/spec"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// backupPage is the Back Up form ("/customer/{login}/backup?scope=account|websites", with
// "&from=TASK" to start from the request of an earlier backup task), opened from the Account
// page, as both of Plesk's backups are: every
// option of step 6 of docs/panel-flow.md, top to bottom in the order of step 6 (docs/panel-flow.md), each checked as it is set by
// the same engine/spec and engine/pattern code the server runs. Back Up starts the task and opens
// its page. A scope the client's rights forbid shows the reason instead of the form.
type backupPage struct {
	app.Compo
	customerBase
	scope   spec.Scope
	form    backupForm
	sent    backupForm // the form as last sent: the server's refusal shows while it is unchanged
	start   remote[task]
	preview remote[previewAnswer]
	backups remote[[]backupEntry]
	notify  remote[notifications]
	again   remote[spec.Backup] // the request of the task in ?from=
	from    string
	// notifyShown is the address the page put in the notification field (the client's own, or
	// the repeated request's): typing does not change it.
	notifyShown string
	watching    string // the login whose states are observed
}

func (p *backupPage) OnNav(ctx app.Context) {
	p.scope = scopeOf(ctx.Page().URL())
	p.form, p.sent, p.notifyShown = newBackupForm(), backupForm{}, ""
	p.navCustomer(ctx, scopeTitle(p.scope))
	if app.IsServer || p.login == "" {
		return
	}
	p.startFrom(ctx, ctx.Page().URL().Query().Get("from"))
	if p.watching != p.login {
		login := p.login
		p.watching = login
		p.start, p.preview, p.backups = remote[task]{}, remote[previewAnswer]{}, remote[[]backupEntry]{}
		while := func() bool { return p.watching == login }
		ctx.ObserveState(stateStart(login)).While(while).Value(&p.start)
		ctx.ObserveState(statePreview(login)).While(while).Value(&p.preview)
		ctx.ObserveState(stateBackups(login)).While(while).Value(&p.backups)
		ctx.ObserveState(stateNotifications).While(while).Value(&p.notify)
		ctx.NewAction(actionLoadNotify)
	}
	ctx.NewActionWithValue(actionLoadBackups, p.login)
}

// OnPreRender reads the scope from the address on the server, so the title is right.
func (p *backupPage) OnPreRender(ctx app.Context) {
	p.customerBase.OnPreRender(ctx)
	if u := ctx.Page().URL(); pathLogin(u.Path, "/customer/") != "" {
		p.scope = scopeOf(u)
	}
}

// scopeOf reads ?scope=: websites, else account.
func scopeOf(u *url.URL) spec.Scope {
	if spec.Scope(u.Query().Get("scope")) == spec.ScopeWebsites {
		return spec.ScopeWebsites
	}
	return spec.ScopeAccount
}

// scopeTitle is the message key naming a backup of scope.
func scopeTitle(scope spec.Scope) string {
	if scope == spec.ScopeWebsites {
		return "backup.websites"
	}
	return "backup.account"
}

func (p *backupPage) Render() app.UI {
	return p.render("account", scopeTitle(p.scope), func(a account.Account) []app.UI {
		if c, _ := choiceFor(a, p.scope); c.Reason != "" {
			return []app.UI{choiceAction(&p.frame, p.login, c), p.backLink()}
		}
		return []app.UI{p.formUI(a), p.backLink()}
	})
}

func (p *backupPage) backLink() app.UI {
	return app.P().Class("back").Body(
		app.A().Href(customerPath(p.login, "/backups")).Body(icon("back"), app.Span().Text(p.t("backupForm.backToList"))),
	)
}

// formUI is the form itself, with what is wrong beside each field.
func (p *backupPage) formUI(a account.Account) app.UI {
	check := p.form.check(a, p.scope)
	if p.start.Status == failed && p.start.Err != nil && p.form == p.sent {
		for _, fp := range p.start.Err.Problem.Fields {
			check.add(fp)
		}
	}
	req := p.form.request(a, p.scope)
	return app.Form().Class("card backup-form").ID("backup-form").Method("post").OnSubmit(p.onSubmit).Body(
		app.P().Class("muted").Text(p.t("form.intro")),
		p.subscriptionQuestion(a, check),
		p.dataQuestion(check),
		p.storageQuestion(a, req.Storage, check),
		p.typeQuestion(req, check),
		p.splitQuestion(check),
		p.commentQuestion(check),
		p.excludeLogsQuestion(check),
		p.excludeQuestion(req, check),
		p.notifyQuestion(check),
		p.submitBar(check),
	)
}

// submitBar is Back Up, disabled while the form has a problem or a start is under way, and the
// server's refusal of the last attempt.
func (p *backupPage) submitBar(check formCheck) app.UI {
	busy := p.start.Status == loading
	label := p.t("form.submit")
	if busy {
		label = p.t("form.submitting")
	}
	b := app.Button().Type("submit").ID("backup-submit").Class("btn btn-primary").Body(icon("archive"), app.Span().Text(label))
	var why app.UI
	switch {
	case busy:
		b = b.Disabled(true).Aria("busy", "true")
	case !check.ok():
		b = b.Disabled(true).Aria("describedby", "backup-blocked")
		why = app.P().Class("reason").ID("backup-blocked").Body(icon("info"), app.Span().Text(p.t("form.blocked")))
	}
	var refusal app.UI
	if p.start.Status == failed && p.form == p.sent && (p.start.Err == nil || len(p.start.Err.Problem.Fields) == 0) {
		refusal = p.failureView(p.start.Err, nil) // a refused field says it beside itself, once
	}
	return app.Div().Class("form-actions").Body(refusal, app.Div().Class("form-buttons").Body(b, why))
}

// onSubmit starts the backup when the form has no problem.
func (p *backupPage) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	a := p.acct.Data
	if p.start.Status == loading || !p.form.check(a, p.scope).ok() {
		return
	}
	p.sent = p.form
	ctx.NewActionWithValue(actionStartBackup, p.form.request(a, p.scope))
}

// onPreview asks the server what the exclusions leave out.
func (p *backupPage) onPreview(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionPreview, p.form.request(p.acct.Data, p.scope))
}

// Handlers that copy a control into the form.

func (p *backupPage) setBool(field *bool) app.EventHandler {
	return func(ctx app.Context, e app.Event) { *field = checkedOf(ctx) }
}

func (p *backupPage) setText(field *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { *field = valueOf(ctx) }
}

func (p *backupPage) onData(ctx app.Context, e app.Event) {
	p.form.ConfigOnly = valueOf(ctx) == "config"
}
func (p *backupPage) onStorage(ctx app.Context, e app.Event) { p.form.Storage = valueOf(ctx) }
func (p *backupPage) onType(ctx app.Context, e app.Event) {
	p.form.Incremental = valueOf(ctx) == "incremental"
}
