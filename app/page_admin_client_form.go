package app

import (
	"net/url"
	"strings"

	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// newClientPath is the form that adds a client (not under /clients/, where any login may be).
const newClientPath = "/new-client"

// clientFormPage adds a client (at newClientPath) or edits one (/clients/{login}/edit): login,
// name, company, e-mail, language, rights and, for a new client, the password of its own panel.
// The edit page also deletes the client.
type clientFormPage struct {
	app.Compo
	frame
	accountFollower
	form       adminForm
	del        adminForm
	c          clientRequest
	filledFor  string // the login whose saved values fill the form
	started    bool   // the new client's form has its defaults
	confirming bool
}

// clientRequest is the API's client form.
type clientRequest struct {
	Login    string          `json:"login"`
	Name     string          `json:"name"`
	Company  string          `json:"company,omitempty"`
	Email    string          `json:"email,omitempty"`
	Lang     string          `json:"lang,omitempty"`
	Rights   *account.Rights `json:"rights"`
	Password string          `json:"password,omitempty"`
}

func (p *clientFormPage) editing() bool { return p.login != "" }

func (p *clientFormPage) OnNav(ctx app.Context) {
	p.adminOnly = true
	path := ctx.Page().URL().Path
	if path == newClientPath {
		p.frame.nav(ctx, "client.add")
		p.form.watch(ctx, "client/new")
		if !p.started || p.form.state.Status == loaded { // a new form, also after a client was added
			p.started, p.form.state = true, remote[struct{}]{}
			p.c = clientRequest{Lang: p.lang, Rights: &account.Rights{ServerStorage: true, FTPStorage: true, AccountBackup: true, Restore: true}}
		}
		return
	}
	p.frame.nav(ctx, "client.edit")
	login := pathLogin(path, "/clients/")
	p.follow(ctx, login)
	p.form.watch(ctx, "client/edit/"+login)
	p.del.watch(ctx, "client/delete/"+login)
}

// fill copies the saved client into the form, once per client.
func (p *clientFormPage) fill() {
	if !p.editing() || p.acct.Status != loaded || p.filledFor == p.login {
		return
	}
	c := p.acct.Data.Client
	r := c.Rights
	p.c = clientRequest{Login: c.Login, Name: c.Name, Company: c.Company, Email: c.Email, Lang: c.Lang, Rights: &r}
	p.filledFor = p.login
}

func (p *clientFormPage) onSave(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.form.busy() {
		return
	}
	c := p.c
	c.Login, c.Name, c.Email = strings.TrimSpace(c.Login), strings.TrimSpace(c.Name), strings.TrimSpace(c.Email)
	op := adminOp{Key: p.form.key, Method: "POST", Path: "/api/clients", Body: c, Next: "/clients/" + url.PathEscape(c.Login)}
	if p.editing() {
		c.Login, c.Password = "", ""
		op = adminOp{Key: p.form.key, Method: "PUT", Path: clientPath(p.login), Body: c, Reload: p.login,
			Next: "/clients/" + url.PathEscape(p.login)}
	}
	ctx.NewActionWithValue(actionAdmin, op)
}

func (p *clientFormPage) Render() app.UI {
	title := p.t("client.add")
	var body app.UI
	if p.editing() {
		title = p.t("client.edit")
		body = p.pending(p.acct.Status, p.acct.Err, p.onRetry)
		p.fill()
	}
	if body == nil {
		body = app.Div().Body(p.clientForm(), p.deleteCard())
	}
	return p.shell(page{title: title, navLabel: p.t("nav.admin"), nav: p.adminNav("clients"), body: []app.UI{body}})
}

func (p *clientFormPage) clientForm() app.UI {
	f := &p.frame
	var fields []app.UI
	if !p.editing() {
		fields = append(fields, p.form.field(f, "client-login", "login", p.t("col.login"), p.t("client.login.help"),
			text(&p.c.Login, "text").Required(true).Attr("autocomplete", "off")))
	}
	fields = append(fields,
		p.form.field(f, "client-name", "name", p.t("col.name"), "", text(&p.c.Name, "text").Required(true).Attr("autocomplete", "off")),
		p.form.field(f, "client-company", "company", p.t("col.company"), "", text(&p.c.Company, "text").Attr("autocomplete", "off")),
		p.form.field(f, "client-email", "email", p.t("client.email"), p.t("client.email.help"),
			text(&p.c.Email, "text").Attr("inputmode", "email").Attr("autocomplete", "off")),
		p.langChoice(),
		p.rightsChoice(),
	)
	if !p.editing() {
		fields = append(fields, p.form.field(f, "client-password", "password", p.t("password.new"), p.t("client.password.help"),
			text(&p.c.Password, "password").Attr("autocomplete", "new-password")))
	}
	fields = append(fields, p.form.outcome(f, ""), app.Div().Class("form-buttons").Body(
		app.Button().Type("submit").ID("client-save").Class("btn btn-primary").Disabled(p.form.busy()).Text(p.t("db.save")),
		app.A().Class("btn").Href(p.back()).Text(p.t("db.cancel")),
	))
	return app.Form().Class("card client-form").ID("client-form").Method("post").OnSubmit(p.onSave).
		Aria("label", p.t(map[bool]string{true: "client.edit", false: "client.add"}[p.editing()])).Body(fields...)
}

func (p *clientFormPage) back() string {
	if p.editing() {
		return "/clients/" + url.PathEscape(p.login)
	}
	return "/clients"
}

func (p *clientFormPage) langChoice() app.UI {
	opts := []app.UI{}
	for _, l := range []string{langEN, langFR} {
		opts = append(opts, app.Option().Value(l).Selected(p.c.Lang == l).Text(tr(l, "lang."+l)))
	}
	return app.Div().Class("field").Body(
		app.Label().For("client-lang").Text(p.t("client.lang")),
		app.Select().ID("client-lang").OnChange(func(ctx app.Context, e app.Event) { p.c.Lang = valueOf(ctx) }).Body(opts...),
		p.fieldErrors("client-lang", problemOn(p.form.state, "lang")),
	)
}

// rightsChoice is one box per right, each with what it allows.
func (p *clientFormPage) rightsChoice() app.UI {
	r := p.c.Rights
	if r == nil { // before OnNav or the saved client: nothing checked yet
		r = &account.Rights{}
	}
	// go-app keeps the first handler of an element: the handler finds the right at each click.
	box := func(id, key string, on bool) app.UI {
		return app.Label().Class("check").For(id).Body(
			app.Input().Type("checkbox").ID(id).Checked(on).OnChange(func(ctx app.Context, e app.Event) { p.setRight(id, checkedOf(ctx)) }),
			app.Span().Text(p.t(key)),
		)
	}
	return fieldset("client-rights", p.t("client.rights"), p.t("client.rights.help"),
		box("right-server", "right.serverStorage", r.ServerStorage), box("right-ftp", "right.ftpStorage", r.FTPStorage),
		box("right-account", "right.accountBackup", r.AccountBackup), box("right-restore", "right.restore", r.Restore),
	)
}

// setRight sets the right of the box id.
func (p *clientFormPage) setRight(id string, on bool) {
	r := p.c.Rights
	if r == nil {
		return
	}
	switch id {
	case "right-server":
		r.ServerStorage = on
	case "right-ftp":
		r.FTPStorage = on
	case "right-account":
		r.AccountBackup = on
	case "right-restore":
		r.Restore = on
	}
}

// deleteCard deletes the client being edited, after a confirmation that says what goes.
func (p *clientFormPage) deleteCard() app.UI {
	if !p.editing() {
		return nil
	}
	var act app.UI = app.Button().Type("button").ID("client-delete").Class("btn btn-danger").Text(p.t("client.delete")).
		OnClick(func(ctx app.Context, e app.Event) { p.confirming = true })
	if p.confirming {
		act = app.Div().Class("confirm").Role("group").Aria("label", p.t("client.delete")).Body(
			app.P().Text(p.t("client.delete.confirm", p.login)),
			app.Div().Class("form-buttons").Body(
				app.Button().Type("button").ID("client-delete-yes").Class("btn btn-danger").Disabled(p.del.busy()).
					Text(p.t("client.delete.yes")).OnClick(p.onDelete),
				app.Button().Type("button").Class("btn").Text(p.t("db.cancel")).
					OnClick(func(ctx app.Context, e app.Event) { p.confirming = false }),
			),
		)
	}
	return app.Section().Class("card danger-zone").Aria("labelledby", "client-delete-title").Body(
		app.H2().ID("client-delete-title").Class("h-small").Text(p.t("client.delete")),
		app.P().Class("muted").Text(p.t("client.delete.help")),
		p.del.outcome(&p.frame, ""), act,
	)
}

func (p *clientFormPage) onDelete(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionAdmin, adminOp{Key: p.del.key, Method: "DELETE", Path: clientPath(p.login), Next: "/clients"})
}
