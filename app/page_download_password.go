package app

import (
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
	focusField("download-password")
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
	return passwordDialog{ID: "download", Lang: d.Lang, Title: d.t("download.title", r.Name), Help: d.t("download.help"),
		Submit: d.t("download.submit"), Busy: d.state.Busy, Err: d.state.Err,
		OnSubmit: func(ctx app.Context, pw string) {
			r.Password = pw
			ctx.NewActionWithValue(actionDownloadBackup, r)
		},
		OnCancel: func(ctx app.Context) { ctx.NewActionWithValue(actionCancelDownload, r.Login) },
	}.UI()
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
