package app

import (
	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// passwordDialog asks a protected backup's password for one action on it (Download, Verify):
// a masked, labelled field, the action's button and Cancel. A wrong password is said next to
// the field, another refusal above the buttons; Escape cancels like Cancel.
type passwordDialog struct {
	ID       string // prefix of its elements' ids: ID-dialog, ID-title, ID-password, ID-submit...
	Lang     string
	Title    string
	Help     string
	Submit   string // the button's text; "Checking the password…" while Busy
	Busy     bool   // the password is being checked
	Err      *failure
	OnSubmit func(ctx app.Context, password string)
	OnCancel func(ctx app.Context)
}

// UI renders the dialog.
func (d passwordDialog) UI() app.UI {
	id := d.ID
	in := app.Input().Type("password").ID(id+"-password").Attr("autocomplete", "off").Required(true).
		Attr("maxlength", maxBackupPassword).Aria("describedby", id+"-help")
	var problem app.UI
	switch {
	case isPasswordProblem(d.Err):
		in = in.Aria("invalid", "true").Aria("describedby", id+"-help "+id+"-password-error")
		problem = app.Ul().Class("field-error").ID(id + "-password-error").Body(app.Li().Body(icon("alert"),
			app.Span().Text(problemText(d.Lang, account.Problem{Code: d.Err.Problem.Code}))))
	case d.Err != nil:
		problem = app.Div().Class("alert").Role("alert").ID(id+"-error").Body(icon("alert"),
			app.P().Text(problemText(d.Lang, d.Err.Problem)))
	}
	label := d.Submit
	if d.Busy {
		label = tr(d.Lang, "download.busy")
	}
	return app.Div().Class("card password-dialog "+id+"-dialog").Role("dialog").ID(id+"-dialog").
		Aria("labelledby", id+"-title").OnKeyDown(d.onKey).Body(
		app.H2().ID(id+"-title").Body(icon("lock"), app.Span().Text(" "+d.Title)),
		app.P().Class("help").ID(id+"-help").Text(d.Help),
		app.Form().ID(id+"-form").OnSubmit(d.onSubmit).Body(
			app.Div().Class("field").Body(app.Label().For(id+"-password").Text(tr(d.Lang, "restore.password")), in, problem),
			app.Div().Class("form-buttons").Body(
				app.Button().Type("submit").Class("btn btn-primary").ID(id+"-submit").Disabled(d.Busy).Text(label),
				app.Button().Type("button").Class("btn").ID(id+"-cancel").Disabled(d.Busy).
					OnClick(func(ctx app.Context, _ app.Event) { d.OnCancel(ctx) }).
					Text(tr(d.Lang, "manage.confirm.cancel")),
			),
		),
	)
}

// onKey cancels on Escape, unless the password is being checked.
func (d passwordDialog) onKey(ctx app.Context, e app.Event) {
	if e.Get("key").String() != "Escape" || d.Busy {
		return
	}
	e.PreventDefault()
	d.OnCancel(ctx)
}

func (d passwordDialog) onSubmit(ctx app.Context, e app.Event) {
	e.PreventDefault()
	pw := app.Window().Get("document").Call("getElementById", d.ID+"-password").Get("value").String()
	if pw != "" && !d.Busy {
		d.OnSubmit(ctx, pw)
	}
}

// focusField puts the keyboard in the element with that id, if the page shows it.
func focusField(id string) {
	if in := app.Window().Get("document").Call("getElementById", id); in.Truthy() {
		in.Call("focus")
	}
}
