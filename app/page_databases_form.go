package app

import (
	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// databaseForm is the administrator's form for one database of sub: its name (new ones only),
// engine, then a server's host, port, user and password, or a SQLite file.
func (p *websitesPage) databaseForm(sub string) app.UI {
	d := p.editing
	if d == nil || d.Subscription != sub {
		return nil
	}
	set := func(field *string) app.EventHandler {
		return func(ctx app.Context, e app.Event) { *field = valueOf(ctx) }
	}
	var fields []app.UI
	if p.isNew {
		fields = append(fields, p.dbInput("db-name", "name", "db.name", p.t("db.name.help"),
			inputValue(app.Input().Type("text").Spellcheck(false).Attr("autocapitalize", "none").OnInput(set(&d.Name)), d.Name)))
	}
	fields = append(fields, p.engineChoice(d))
	if d.Engine == "sqlite" {
		fields = append(fields, p.dbInput("db-path", "path", "db.path", p.t("db.path.help"),
			inputValue(app.Input().Type("text").Spellcheck(false).OnInput(set(&d.Path)), d.Path)))
	} else {
		fields = append(fields,
			p.dbInput("db-host", "host", "db.host", p.t("db.host.help"), inputValue(app.Input().Type("text").Spellcheck(false).
				Attr("autocapitalize", "none").OnInput(set(&d.Host)), d.Host)),
			p.dbInput("db-port", "port", "db.port", p.t("db.port.help"), inputValue(app.Input().Type("number").Class("input-short").
				Attr("min", 1).Attr("max", 65535).OnInput(set(&p.port)), p.port)),
			p.dbInput("db-user", "user", "db.user", "", inputValue(app.Input().Type("text").Spellcheck(false).
				Attr("autocomplete", "off").OnInput(set(&d.User)), d.User)),
			p.dbInput("db-password", "password", "db.password", p.t("db.password.help"), app.Input().Type("password").
				Attr("autocomplete", "new-password").OnInput(set(&d.Password))),
		)
	}
	title := p.t("db.editTitle", d.Name)
	if p.isNew {
		title = p.t("db.add")
	}
	return app.Form().Class("card db-form").ID("db-form").Method("post").OnSubmit(p.onSaveDatabase).Aria("label", title).Body(
		append(append([]app.UI{app.H4().Text(title)}, fields...), p.dbButtons())...,
	)
}

func (p *websitesPage) engineChoice(d *dbEdit) app.UI {
	opts := []app.UI{}
	for _, e := range []string{"postgres", "mysql", "sqlite"} {
		opts = append(opts, app.Option().Value(e).Selected(d.Engine == e).Text(engineName(&p.frame, e)))
	}
	return app.Div().Class("field").Body(
		app.Label().For("db-engine").Text(p.t("db.col.engine")),
		app.Select().ID("db-engine").OnChange(func(ctx app.Context, e app.Event) { d.Engine = valueOf(ctx) }).Body(opts...),
		p.fieldErrors("db-engine", p.dbProblems("engine")),
	)
}

func (p *websitesPage) dbButtons() app.UI {
	var outcome app.UI
	switch p.dbSave.Status {
	case loading:
		outcome = app.Span().Class("muted").Text(p.t("db.saving"))
	case failed:
		if len(p.dbProblems("")) == 0 && p.dbSave.Err != nil {
			outcome = app.P().Class("field-error").Role("alert").Text(problemText(p.lang, p.dbSave.Err.Problem))
		}
	}
	return app.Div().Class("form-buttons").Body(
		app.Button().Type("submit").ID("db-save").Class("btn btn-primary").Text(p.t("db.save")),
		app.Button().Type("button").ID("db-cancel").Class("btn").OnClick(p.onCancel).Text(p.t("db.cancel")),
		outcome,
	)
}

// dbProblems is what the server refused about field in the last save ("" for any field).
func (p *websitesPage) dbProblems(field string) []account.FieldProblem {
	if p.dbSave.Status != failed || p.dbSave.Err == nil {
		return nil
	}
	pr := p.dbSave.Err.Problem
	if pr.Field == "" || field != "" && pr.Field != field {
		return nil
	}
	return []account.FieldProblem{{Field: pr.Field, Code: pr.Code, Args: pr.Args}}
}

func (p *websitesPage) dbInput(id, field, labelKey, help string, in app.HTMLInput) app.UI {
	probs := p.dbProblems(field)
	if len(probs) > 0 {
		in = in.Aria("invalid", "true").Aria("describedby", id+"-error")
	} else if help != "" {
		in = in.Aria("describedby", id+"-help")
	}
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(p.t(labelKey)), helpLine(id, help), in.ID(id), p.fieldErrors(id, probs),
	)
}
