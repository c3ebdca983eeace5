package app

import (
	"strconv"

	"coffre/engine/spec"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// whatUI asks what to restore: everything, or chosen subscriptions, paths, mailboxes and
// databases.
func (p *restorePage) whatUI(e backupEntry) app.UI {
	c := &p.choice
	var nested []app.UI
	if !c.everything {
		nested = []app.UI{p.subsUI(e), p.pathsUI(e), p.mailboxesUI(e), p.databasesUI(e)}
	}
	return app.FieldSet().Class("question").ID("restore-what").Body(
		app.Legend().Text(p.t("restore.what")),
		p.optionUI(option{id: "restore-everything", radio: "restore-what", value: "all", label: p.t("restore.everything"),
			help: p.t("restore.everything.help"), checked: c.everything, onChange: p.set(func() { c.everything = true })}),
		p.optionUI(option{id: "restore-chosen", radio: "restore-what", value: "chosen", label: p.t("restore.chosen"),
			checked: !c.everything, onChange: p.set(func() { c.everything = false }), nested: nested}),
	)
}

func (p *restorePage) subsUI(e backupEntry) app.UI {
	items := make([]app.UI, 0, len(e.Subscriptions))
	for _, d := range e.Subscriptions {
		items = append(items, p.optionUI(option{id: "restore-sub-" + d, label: d, help: p.t("restore.sub.help"),
			checked: p.choice.subs[d], onChange: p.check(p.choice.subs, d)}))
	}
	return app.Div().Class("field").Body(app.P().Class("label").Text(p.t("restore.subs")), app.Div().Body(items...))
}

// pathsUI lists the chosen paths, each with Remove, and a field to type another.
func (p *restorePage) pathsUI(e backupEntry) app.UI {
	c := &p.choice
	items := make([]app.UI, 0, len(c.paths))
	for i, path := range c.paths {
		items = append(items, app.Li().Body(app.Code().Text(path), app.Text(" "),
			app.Button().Type("button").Class("btn btn-small").ID("restore-path-remove-"+strconv.Itoa(i)).Text(p.t("restore.path.remove")).
				OnClick(p.setEvent(func() { c.paths = append(c.paths[:i:i], c.paths[i+1:]...) }))))
	}
	var problem app.UI
	if c.typedErr != "" {
		problem = app.P().Class("field-error").ID("restore-path-error").Role("alert").Text(p.t(c.typedErr))
	}
	add := func() { c.addTyped(e.Subscriptions) }
	return app.Div().Class("field").Body(
		app.Label().For("restore-path").Text(p.t("restore.paths")),
		helpLine("restore-path", p.t("restore.paths.help")),
		app.Ul().Class("paths").ID("restore-paths").Body(items...),
		app.Div().Class("path-add").Body(
			inputValue(app.Input().Type("text").ID("restore-path").Spellcheck(false).Attr("autocapitalize", "none").
				Aria("describedby", "restore-path-help").OnInput(func(ctx app.Context, ev app.Event) { c.typed = valueOf(ctx) }), c.typed),
			app.Button().Type("button").Class("btn").ID("restore-path-add").Text(p.t("restore.path.add")).OnClick(p.setEvent(add)),
		),
		problem,
	)
}

func (p *restorePage) mailboxesUI(e backupEntry) app.UI {
	if e.Captured == nil || len(e.Captured.Mailboxes) == 0 {
		return nil
	}
	items := make([]app.UI, 0, len(e.Captured.Mailboxes))
	for _, mb := range e.Captured.Mailboxes {
		items = append(items, p.optionUI(option{id: "restore-mailbox-" + mb.Address, label: mb.Address,
			help:    p.t("restore.mailbox.help", formatCount(p.lang, mb.Messages)),
			checked: p.choice.mailboxes[mb.Address], onChange: p.check(p.choice.mailboxes, mb.Address)}))
	}
	return app.Div().Class("field").Body(app.P().Class("label").Text(p.t("restore.mailboxes")), app.Div().Body(items...))
}

// databasesUI lists the backup's databases, each with "as a new name".
func (p *restorePage) databasesUI(e backupEntry) app.UI {
	if e.Captured == nil || len(e.Captured.DBs) == 0 {
		return nil
	}
	c := &p.choice
	items := make([]app.UI, 0, len(e.Captured.DBs))
	for _, db := range e.Captured.DBs {
		key := db.Subscription + "/" + db.Name
		id := "restore-db-" + db.Name
		as := app.Div().Class("field").Body(
			app.Label().For(id+"-as").Text(p.t("restore.db.as")),
			inputValue(app.Input().Type("text").ID(id+"-as").Spellcheck(false).Attr("autocapitalize", "none").
				OnInput(func(ctx app.Context, ev app.Event) { c.dbAs[key] = valueOf(ctx) }), c.dbAs[key]),
		)
		items = append(items, p.optionUI(option{id: id, label: db.Name + " (" + db.Subscription + ")",
			checked: c.dbs[key], onChange: p.check(c.dbs, key), nested: []app.UI{as}}))
	}
	return app.Div().Class("field").Body(app.P().Class("label").Text(p.t("restore.databases")), app.Div().Body(items...))
}

// whereUI asks where the files go: in place, or into a folder of the webspace.
func (p *restorePage) whereUI() app.UI {
	c := &p.choice
	folder := app.Div().Class("field").Body(
		app.Label().For("restore-into").Text(p.t("restore.into")),
		helpLine("restore-into", p.t("restore.into.help")),
		inputValue(app.Input().Type("text").ID("restore-into").Spellcheck(false).Attr("autocapitalize", "none").
			Aria("describedby", "restore-into-help").OnInput(func(ctx app.Context, ev app.Event) { c.into = valueOf(ctx) }), c.into),
	)
	var nested []app.UI
	if c.folder {
		nested = []app.UI{folder}
	}
	return app.FieldSet().Class("question").ID("restore-where").Body(
		app.Legend().Text(p.t("restore.where")),
		p.optionUI(option{id: "restore-in-place", radio: "restore-where", value: "place", label: p.t("restore.inPlace.label"),
			checked: !c.folder, onChange: p.set(func() { c.folder = false })}),
		p.optionUI(option{id: "restore-in-folder", radio: "restore-where", value: "folder", label: p.t("restore.inFolder"),
			checked: c.folder, onChange: p.set(func() { c.folder = true }), nested: nested}),
	)
}

// existingUI asks how the files that exist are treated.
func (p *restorePage) existingUI() app.UI {
	c := &p.choice
	opts := []app.UI{app.Legend().Text(p.t("restore.existing"))}
	for _, mode := range []string{spec.ExistingOverwrite, spec.ExistingNewer, spec.ExistingMissing} {
		opts = append(opts, p.optionUI(option{id: "restore-existing-" + mode, radio: "restore-existing", value: mode,
			label: p.t("restore.existing." + mode), help: p.t("restore.existing." + mode + ".help"),
			checked: c.existing == mode, onChange: p.set(func() { c.existing = mode })}))
	}
	return app.FieldSet().Class("question").ID("restore-existing").Body(opts...)
}

// safetyUI offers the safety backup, on by default.
func (p *restorePage) safetyUI() app.UI {
	c := &p.choice
	return p.optionUI(option{id: "restore-safety", label: p.t("restore.safety"), help: p.t("restore.safety.help"),
		checked: c.safety, onChange: func(ctx app.Context, e app.Event) { c.safety = checkedOf(ctx) }})
}

// set is a change handler that runs fn.
func (p *restorePage) set(fn func()) app.EventHandler {
	return func(ctx app.Context, e app.Event) { fn() }
}

// setEvent is a click handler that runs fn.
func (p *restorePage) setEvent(fn func()) app.EventHandler {
	return func(ctx app.Context, e app.Event) { e.PreventDefault(); fn() }
}

// check is a checkbox's change handler that records its state in m[key].
func (p *restorePage) check(m map[string]bool, key string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { m[key] = checkedOf(ctx) }
}
