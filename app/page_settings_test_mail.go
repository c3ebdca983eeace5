package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// saved reports whether mail settings are saved: the test mail uses them, so it waits for them.
func (p *settingsPage) saved() bool { return p.smtp.Status == loaded && p.smtp.Data.Host != "" }

// testInput is the address the test mail goes to, pre-filled with nothing: the administrator's own.
func (p *settingsPage) testInput() app.UI {
	in := app.Input().Type("email").Attr("autocapitalize", "none").Attr("autocomplete", "email").ID("smtp-test-to").
		Required(true).Spellcheck(false).OnInput(p.set(&p.testTo))
	if !p.saved() {
		in = in.Disabled(true).Aria("describedby", "smtp-test-unsaved")
	}
	return in
}

// testButton is Send test mail, disabled with the reason until settings are saved.
func (p *settingsPage) testButton(b app.HTMLButton) app.UI {
	if p.saved() {
		return b
	}
	return app.Div().Body(b.Disabled(true).Aria("describedby", "smtp-test-unsaved"),
		app.P().Class("reason").ID("smtp-test-unsaved").Body(icon("info"), app.Span().Text(p.t("smtp.test.unsaved"))))
}

// refusedFields reports whether the last save was refused field by field: each field then says
// it beside itself, and no banner repeats it.
func (p *settingsPage) refusedFields() bool {
	if p.save.Err == nil {
		return false
	}
	pr := p.save.Err.Problem
	return pr.Field != "" || len(pr.Fields) > 0
}
