package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// smtpForm is the mail settings: host, port, security, user, password, sender, Save.
func (p *settingsPage) smtpForm() app.UI {
	f := p.form
	pwHelp := p.t("smtp.password.unset")
	if p.smtp.Data.HasPassword {
		pwHelp = p.t("smtp.password.set")
	}
	if p.smtp.Data.Host == "" {
		pwHelp = ""
	}
	return app.Form().Class("card settings-form").ID("smtp-form").Method("post").OnSubmit(p.onSave).Aria("labelledby", "smtp-title").Body(
		app.H2().ID("smtp-title").Text(p.t("settings.mail")),
		app.P().Class("muted").Text(p.t("settings.mail.help")),
		p.notSetUp(),
		app.Div().Class("field-row").Body(
			p.input("smtp-host", "host", "smtp.host", "", inputValue(app.Input().Type("text").Spellcheck(false).
				Attr("autocapitalize", "none").OnInput(p.set(&p.form.Host)), f.Host)),
			p.input("smtp-port", "port", "smtp.port", "", inputValue(app.Input().Type("number").Class("input-short").Attr("min", 1).
				Attr("max", 65535).OnInput(p.set(&p.port)), p.port)),
		),
		p.tlsChoice(),
		p.input("smtp-user", "user", "smtp.user", p.t("smtp.user.help"), inputValue(app.Input().Type("text").
			Attr("autocomplete", "off").Spellcheck(false).Attr("autocapitalize", "none").OnInput(p.set(&p.form.User)), f.User)),
		p.input("smtp-password", "password", "smtp.password", pwHelp, app.Input().Type("password").
			Attr("autocomplete", "new-password").OnInput(p.set(&p.form.Password))),
		p.input("smtp-from", "from", "smtp.from", p.t("smtp.from.help"), app.Input().Type("email").Attr("autocapitalize", "none").
			Spellcheck(false).OnInput(p.set(&p.form.From)).Value(p.fromShown)),
		p.saveBar(),
	)
}

func (p *settingsPage) notSetUp() app.UI {
	if p.smtp.Data.Host != "" {
		return nil
	}
	return app.P().Class("note").ID("smtp-not-set").Body(icon("info"), app.Span().Text(p.t("smtp.notSet")))
}

// tlsChoice is the connection's security: none, STARTTLS or TLS, each with its help.
func (p *settingsPage) tlsChoice() app.UI {
	opt := func(value string) app.UI {
		return p.optionUI(option{id: "smtp-tls-" + value, radio: "tls", value: value, label: p.t("smtp.tls." + value),
			help: p.t("smtp.tls." + value + ".help"), checked: p.form.TLS == value,
			onChange: func(ctx app.Context, e app.Event) { p.form.TLS = valueOf(ctx) }})
	}
	return fieldset("smtp-tls", p.t("smtp.tls"), "", opt("none"), opt("starttls"), opt("tls"),
		p.fieldErrors("smtp-tls", p.problemsFor("tls")))
}

// saveBar is Save and what became of the last save.
func (p *settingsPage) saveBar() app.UI {
	b := app.Button().Type("submit").ID("smtp-save").Class("btn btn-primary").Text(p.t("smtp.save"))
	var outcome app.UI
	switch p.save.Status {
	case loading:
		b = b.Disabled(true).Aria("busy", "true").Text(p.t("smtp.saving"))
	case loaded:
		outcome = app.P().Class("saved").ID("smtp-saved").Role("status").Body(icon("check"), app.Span().Text(p.t("smtp.saved")))
	case failed:
		if !p.refusedFields() { // a refused field says it beside itself, once
			outcome = p.failureView(p.save.Err, nil)
		}
	}
	return app.Div().Class("form-actions").Body(outcome, app.Div().Class("form-buttons").Body(b))
}

// testForm sends a test mail with the saved settings.
func (p *settingsPage) testForm() app.UI {
	b := app.Button().Type("submit").ID("smtp-test").Class("btn").Body(icon("mail"), app.Span().Text(p.t("smtp.test")))
	var outcome app.UI
	switch p.test.Status {
	case loading:
		b = b.Disabled(true).Aria("busy", "true")
		outcome = app.P().Class("loading").Role("status").Text(p.t("smtp.test.busy"))
	case loaded:
		outcome = app.P().Class("saved").ID("smtp-test-sent").Role("status").Body(icon("check"), app.Span().Text(p.t("smtp.test.sent", p.test.Data)))
	case failed:
		outcome = p.mailFailure(p.test.Err)
	}
	return app.Form().Class("card").ID("smtp-test-form").Method("post").OnSubmit(p.onTest).Aria("labelledby", "test-title").Body(
		app.H2().ID("test-title").Text(p.t("smtp.test")),
		app.P().Class("muted").Text(p.t("smtp.test.help")),
		app.Div().Class("field").Body(
			app.Label().For("smtp-test-to").Text(p.t("smtp.test.to")),
			p.testInput(),
		),
		outcome,
		app.Div().Class("form-buttons").Body(p.testButton(b)),
	)
}

// mailFailure says why the test mail was not sent and what to check, the mail library's own
// words folded under it.
func (p *settingsPage) mailFailure(f *failure) app.UI {
	if f == nil || f.Problem.Code != "mail_failed" {
		return p.failureView(f, nil)
	}
	return app.Div().Class("alert").Role("alert").ID("smtp-test-failed").Body(
		icon("alert"), p.failureUI("smtp-test-why", p.t("err.mail_failed"), p.failText(f.Problem.Cause, f.Problem.CauseArgs), f.Problem.Error),
	)
}
