package app

import (
	"strconv"
	"strings"

	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// databaseList is a subscription's databases with their engine and where they are; the
// administrator edits them and adds more.
func (p *websitesPage) databaseList(a account.Account, sub string) app.UI {
	var rows [][]app.UI
	for _, d := range a.Databases {
		if d.Subscription != sub {
			continue
		}
		row := []app.UI{app.Code().Text(d.Name), app.Text(engineName(&p.frame, d.Engine)), app.Code().Class("clip").Text(dbWhere(d)),
			orDash(d.User), app.Text(p.passwordState(d))}
		if p.isAdmin() {
			row = append(row, app.Div().Class("row-actions").Body(app.Button().Class("btn btn-small").ID("db-edit-"+sub+"-"+d.Name).
				OnClick(p.onEdit(d)).Text(p.t("db.edit")), p.deleteDatabase(d)))
		}
		rows = append(rows, row)
	}
	cols := []column{{label: p.t("db.col.name"), class: "primary"}, {label: p.t("db.col.engine")},
		{label: p.t("db.col.where")}, {label: p.t("db.col.user")}, {label: p.t("db.col.password")}}
	if p.isAdmin() {
		cols = append(cols, column{label: p.t("db.col.actions")})
	}
	var list app.UI = app.P().Class("muted").Text(p.t("db.empty"))
	if len(rows) > 0 {
		list = table(p.t("db.title"), cols, rows)
	}
	var add app.UI
	if p.isAdmin() && (p.editing == nil || p.editing.Subscription != sub) {
		add = app.Button().Class("btn").ID("db-add-" + sub).OnClick(p.onEdit(account.Database{Subscription: sub, Engine: "postgres"})).
			Text(p.t("db.add"))
	}
	return app.Div().Class("databases").ID("databases-"+sub).Body(
		app.H3().Text(p.t("db.title")), list, add, p.databaseForm(sub),
	)
}

// engineName names a database engine.
func engineName(f *frame, engine string) string {
	switch engine {
	case "postgres":
		return f.t("db.engine.postgres")
	case "mysql":
		return f.t("db.engine.mysql")
	case "sqlite":
		return f.t("db.engine.sqlite")
	}
	return engine
}

// dbWhere is host:port, or the file of a SQLite database.
func dbWhere(d account.Database) string {
	if d.Engine == "sqlite" {
		return d.Path
	}
	return d.Host + ":" + strconv.Itoa(d.Port)
}

func (p *websitesPage) passwordState(d account.Database) string {
	if d.HasPassword {
		return p.t("db.password.saved")
	}
	return p.t("db.password.none")
}

// onEdit opens the form on d (a new database when d.Name is "").
func (p *websitesPage) onEdit(d account.Database) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		p.editing = &dbEdit{Login: p.login, Subscription: d.Subscription, Name: d.Name, Engine: d.Engine,
			Host: d.Host, Port: d.Port, User: d.User, Path: d.Path}
		p.isNew, p.port = d.Name == "", ""
		if d.Port != 0 {
			p.port = strconv.Itoa(d.Port)
		}
		ctx.SetState(stateDatabaseSave, remote[dbEdit]{})
	}
}

func (p *websitesPage) onCancel(ctx app.Context, e app.Event) { p.editing = nil }

func (p *websitesPage) onSaveDatabase(ctx app.Context, e app.Event) {
	e.PreventDefault()
	d := *p.editing
	d.Name, d.Host, d.User, d.Path = strings.TrimSpace(d.Name), strings.TrimSpace(d.Host), strings.TrimSpace(d.User), strings.TrimSpace(d.Path)
	d.Port, _ = strconv.Atoi(strings.TrimSpace(p.port))
	if d.Engine == "sqlite" {
		d.Host, d.Port, d.User, d.Password = "", 0, "", ""
	} else {
		d.Path = ""
	}
	ctx.NewActionWithValue(actionSaveDatabase, d)
}

// savedDatabase closes the form once its database is saved.
func (p *websitesPage) savedDatabase() {
	if p.editing != nil && p.dbSave.Status == loaded && p.dbSave.Data.Name == p.editing.Name &&
		p.dbSave.Data.Subscription == p.editing.Subscription {
		p.editing = nil
	}
}
