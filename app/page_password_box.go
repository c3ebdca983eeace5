package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// passwordBox shows where a passwordUse stands on the page: the dialog that asks the password
// (a wrong one said next to the field), the check going on, the download started, or a refusal.
type passwordBox struct {
	app.Compo
	Use   *passwordUse
	Login string
	Lang  string

	state   passwordAsk
	watched string
}

// OnMount forgets what the box said on an earlier visit (a dialog left open, a download
// started long ago).
func (b *passwordBox) OnMount(ctx app.Context) {
	b.observe(ctx)
	if b.Login != "" {
		ctx.NewActionWithValue(b.Use.cancel(), b.Login)
	}
}

func (b *passwordBox) OnUpdate(ctx app.Context) { b.observe(ctx) }

func (b *passwordBox) observe(ctx app.Context) {
	if b.watched == b.Login || b.Login == "" {
		return
	}
	login := b.Login
	b.watched, b.state = login, passwordAsk{}
	ctx.ObserveState(b.Use.state(login)).While(func() bool { return b.watched == login }).
		OnChange(func() { ctx.Defer(b.focus) }).Value(&b.state)
}

// focus puts the keyboard in the password field when the dialog asks it, or says it is wrong.
func (b *passwordBox) focus(ctx app.Context) {
	if b.state.Ask != nil && !b.state.Busy {
		focusField(b.Use.key + "-password")
	}
}

func (b *passwordBox) t(key string, args ...string) string { return tr(b.Lang, key, args...) }

func (b *passwordBox) Render() app.UI {
	s, id := b.state, b.Use.key
	switch {
	case s.Ask != nil:
		return b.dialog(*s.Ask)
	case s.Started != "":
		return app.P().Class("note saved").Role("status").ID(id + "-started").Text(b.t("download.started", s.Started))
	case s.Busy:
		return app.P().Class("note loading").Role("status").ID(id + "-busy").Text(b.t("download.busy"))
	case s.Err != nil:
		return app.Div().Class("alert").Role("alert").ID(id+"-error").Body(icon("alert"),
			app.P().Text(problemText(b.Lang, s.Err.Problem)))
	}
	return app.Div().ID(id + "-box")
}

// dialog asks the password of backup r.
func (b *passwordBox) dialog(r backupRef) app.UI {
	u := b.Use
	return passwordDialog{ID: u.key, Lang: b.Lang, Title: b.t(u.title, r.Name), Help: b.t(u.help),
		Submit: b.t(u.submit), Busy: b.state.Busy, Err: b.state.Err,
		OnSubmit: func(ctx app.Context, pw string) {
			r.Password = pw
			ctx.NewActionWithValue(u.with(), r)
		},
		OnCancel: func(ctx app.Context) { ctx.NewActionWithValue(u.cancel(), r.Login) },
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
		Title(f.t("download.help")).OnClick(func(ctx app.Context, _ app.Event) { ctx.NewActionWithValue(downloadUse.ask(), ref) }).
		Text(f.t("manage.download"))
}
