package app

import (
	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// downloadBox asks a protected backup's password for its download (on the Backup Manager, and
// on the Contents page when the password given there no longer opens it), says a wrong one
// next to the field, and says when the browser started saving the archive.
type downloadBox struct {
	app.Compo
	Login string
	Lang  string

	state   downloadState
	watched string
}

// OnMount forgets what the box said on an earlier visit (a download started long ago).
func (d *downloadBox) OnMount(ctx app.Context) {
	d.observe(ctx)
	if d.Login != "" {
		ctx.NewActionWithValue(actionCancelDownload, d.Login)
	}
}

func (d *downloadBox) OnUpdate(ctx app.Context) { d.observe(ctx) }

func (d *downloadBox) observe(ctx app.Context) {
	if d.watched == d.Login || d.Login == "" {
		return
	}
	login := d.Login
	d.watched, d.state = login, downloadState{}
	ctx.ObserveState(stateDownload(login)).While(func() bool { return d.watched == login }).
		OnChange(func() { ctx.Defer(d.focus) }).Value(&d.state)
}

// focus puts the keyboard in the password field when the dialog asks it, or says it is wrong.
func (d *downloadBox) focus(ctx app.Context) {
	if d.state.Ask == nil || d.state.Busy {
		return
	}
	if in := app.Window().Get("document").Call("getElementById", "download-password"); in.Truthy() {
		in.Call("focus")
	}
}

func (d *downloadBox) t(key string, args ...string) string { return tr(d.Lang, key, args...) }

func (d *downloadBox) Render() app.UI {
	s := d.state
	switch {
	case s.Started != "":
		return app.P().Class("note saved").Role("status").ID("download-started").Text(d.t("download.started", s.Started))
	case s.Busy && s.Ask == nil:
		return app.P().Class("note loading").Role("status").ID("download-busy").Text(d.t("download.busy"))
	case s.Err != nil && s.Ask == nil:
		return app.Div().Class("alert").Role("alert").ID("download-error").Body(icon("alert"),
			app.P().Text(problemText(d.Lang, s.Err.Problem)))
	case s.Ask != nil:
		return d.dialog(*s.Ask)
	}
	return app.Div().ID("download-box")
}

// dialog asks the password of backup r.
func (d *downloadBox) dialog(r backupRef) app.UI {
	s := d.state
	in := app.Input().Type("password").ID("download-password").Attr("autocomplete", "off").Required(true).
		Attr("maxlength", maxBackupPassword).Aria("describedby", "download-help")
	var problem app.UI
	switch {
	case isPasswordProblem(s.Err):
		in = in.Aria("invalid", "true").Aria("describedby", "download-help download-password-error")
		problem = app.Ul().Class("field-error").ID("download-password-error").Body(app.Li().Body(icon("alert"),
			app.Span().Text(problemText(d.Lang, account.Problem{Code: s.Err.Problem.Code}))))
	case s.Err != nil:
		problem = app.Div().Class("alert").Role("alert").ID("download-error").Body(icon("alert"),
			app.P().Text(problemText(d.Lang, s.Err.Problem)))
	}
	label := d.t("download.submit")
	if s.Busy {
		label = d.t("download.busy")
	}
	return app.Div().Class("card download-dialog").Role("dialog").ID("download-dialog").Aria("labelledby", "download-title").Body(
		app.H2().ID("download-title").Body(icon("lock"), app.Span().Text(" "+d.t("download.title", r.Name))),
		app.P().Class("help").ID("download-help").Text(d.t("download.help")),
		app.Form().ID("download-form").OnSubmit(d.onSubmit(r)).Body(
			app.Div().Class("field").Body(app.Label().For("download-password").Text(d.t("restore.password")), in, problem),
			app.Div().Class("form-buttons").Body(
				app.Button().Type("submit").Class("btn btn-primary").ID("download-submit").Disabled(s.Busy).Text(label),
				app.Button().Type("button").Class("btn").ID("download-cancel").Disabled(s.Busy).
					OnClick(func(ctx app.Context, _ app.Event) { ctx.NewActionWithValue(actionCancelDownload, r.Login) }).
					Text(d.t("manage.confirm.cancel")),
			),
		),
	)
}

func (d *downloadBox) onSubmit(r backupRef) app.EventHandler {
	return func(ctx app.Context, e app.Event) {
		e.PreventDefault()
		pw := app.Window().Get("document").Call("getElementById", "download-password").Get("value").String()
		if pw == "" {
			return
		}
		r.Password = pw
		ctx.NewActionWithValue(actionDownloadBackup, r)
	}
}

// downloadAction is a backup row's Download: a link to the archive as stored; for a protected
// backup, a button that asks its password (or uses the one that opened it before), the
// archive then coming decrypted.
func downloadAction(f *frame, e backupEntry) app.UI {
	if !e.Protected {
		return app.A().Class("btn btn-small download-link").ID("download-"+e.Name).Href(downloadPath(e, "")).
			Attr("download", e.Name+".tar.zst").Title(f.t("manage.download.help")).Text(f.t("manage.download"))
	}
	ref := backupRef{Login: e.Client, Storage: e.storage(), Name: e.Name}
	return app.Button().Type("button").Class("btn btn-small download-link").ID("download-" + e.Name).
		Title(f.t("download.help")).OnClick(func(ctx app.Context, _ app.Event) { ctx.NewActionWithValue(actionAskDownload, ref) }).
		Text(f.t("manage.download"))
}
