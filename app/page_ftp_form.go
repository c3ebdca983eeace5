package app

import (
	"strings"

	"coffre/engine/spec"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// settingsForm is the FTP settings in the order a user fills them, then Save and Test.
func (p *ftpPage) settingsForm() app.UI {
	f := p.form
	pwHelp := p.t("ftp.password.unset")
	if p.saved.Data.HasPassword {
		pwHelp = p.t("ftp.password.set")
	}
	return app.Form().Class("card settings-form").ID("ftp-form").Method("post").OnSubmit(p.onSave).Aria("labelledby", "ftp-form-title").Body(
		app.H2().ID("ftp-form-title").Text(p.t("ftp.connection")),
		app.P().Class("muted").Text(p.t("ftp.intro")),
		p.notSetUp(),
		app.Div().Class("field-row").Body(
			p.input("ftp-host", "host", "ftp.host", p.t("ftp.host.help"), inputValue(app.Input().Type("text").Spellcheck(false).
				Attr("autocapitalize", "none").OnInput(p.set(&p.form.Host)), f.Host)),
			p.input("ftp-port", "port", "ftp.port", "", inputValue(app.Input().Type("number").Class("input-short").Attr("min", 1).
				Attr("max", 65535).OnInput(p.set(&p.port)), p.port)),
		),
		p.input("ftp-user", "user", "ftp.user", "", inputValue(app.Input().Type("text").Attr("autocomplete", "off").
			Spellcheck(false).Attr("autocapitalize", "none").OnInput(p.set(&p.form.User)), f.User)),
		p.input("ftp-password", "password", "ftp.password", pwHelp, app.Input().Type("password").
			Attr("autocomplete", "new-password").OnInput(p.set(&p.form.Password))),
		p.input("ftp-dir", "dir", "ftp.dir", p.t("ftp.dir.help"), inputValue(app.Input().Type("text").Spellcheck(false).
			Attr("autocapitalize", "none").OnInput(p.set(&p.form.Dir)), f.Dir)),
		p.tlsChoice(),
		p.input("ftp-fingerprint", "fingerprint", "ftp.fingerprint", p.t("ftp.fingerprint.help"), inputValue(app.Input().
			Type("text").Class("mono").Spellcheck(false).Attr("autocapitalize", "none").OnInput(p.set(&p.form.Fingerprint)), f.Fingerprint)),
		p.buttons(),
	)
}

func (p *ftpPage) notSetUp() app.UI {
	if p.saved.Data.Configured {
		return nil
	}
	return app.P().Class("note").ID("ftp-not-set").Body(icon("info"), app.Span().Text(p.t("ftp.notSet")))
}

// input is a labelled input with its help and its problems beside it.
func (p *ftpPage) input(id, field, labelKey, help string, in app.HTMLInput) app.UI {
	probs := p.problemsFor(field)
	desc := describedBy(id, help, "")
	if len(probs) > 0 {
		in = in.Aria("invalid", "true")
		desc = strings.TrimSpace(desc + " " + id + "-error")
	}
	if desc != "" {
		in = in.Aria("describedby", desc)
	}
	return app.Div().Class("field").Body(
		app.Label().For(id).Text(p.t(labelKey)), helpLine(id, help), in.ID(id), p.fieldErrors(id, probs),
	)
}

// tlsChoice is the encryption: none, explicit FTPS or implicit FTPS, each with its help.
func (p *ftpPage) tlsChoice() app.UI {
	opt := func(value, label, help string) app.UI {
		return p.optionUI(option{id: "ftp-tls-" + value, radio: "ftp-tls", value: value, label: p.t(label),
			help: p.t(help), checked: p.form.TLS == value, onChange: p.onTLS})
	}
	return fieldset("ftp-tls", p.t("ftp.tls"), "",
		opt(spec.FTPTLSNone, "ftp.tls.none", "ftp.tls.none.help"),
		opt(spec.FTPTLSExplicit, "ftp.tls.explicit", "ftp.tls.explicit.help"),
		opt(spec.FTPTLSImplicit, "ftp.tls.implicit", "ftp.tls.implicit.help"),
		p.fieldErrors("ftp-tls", p.problemsFor("tls")))
}

// buttons are Save and Test connection, with what became of the last save.
func (p *ftpPage) buttons() app.UI {
	save := app.Button().Type("submit").ID("ftp-save").Class("btn btn-primary").Text(p.t("ftp.save"))
	test := app.Button().Type("button").ID("ftp-test").Class("btn").OnClick(p.onTest).Body(icon("check"), app.Span().Text(p.t("ftp.test")))
	var outcome app.UI
	switch p.save.Status {
	case loading:
		save = save.Disabled(true).Aria("busy", "true").Text(p.t("ftp.saving"))
	case loaded:
		outcome = app.P().Class("saved").ID("ftp-saved").Role("status").Body(icon("check"), app.Span().Text(p.t("ftp.saved")))
	case failed:
		outcome = p.failureView(p.save.Err, nil)
	}
	if p.test.Status == loading {
		test = test.Disabled(true).Aria("busy", "true")
	}
	return app.Div().Class("form-actions").Body(outcome, app.Div().Class("form-buttons").Body(test, save))
}

// testResult is each step of the last connection test with the server's answer; a certificate
// that is not trusted yet is shown with its fingerprint and the way to accept it.
func (p *ftpPage) testResult() app.UI {
	switch p.test.Status {
	case loading:
		return app.P().Class("loading").ID("ftp-testing").Role("status").Text(p.t("ftp.testing"))
	case failed:
		return p.failureView(p.test.Err, nil)
	case loaded:
	default:
		return nil
	}
	r := p.test.Data
	steps := make([]app.UI, len(r.Steps))
	for i, s := range r.Steps {
		steps[i] = p.stepUI(s)
	}
	verdict := app.P().Class("saved").ID("ftp-test-ok").Role("status").Body(icon("check"), app.Span().Text(p.t("ftp.test.ok")))
	if !r.OK {
		verdict = app.P().Class("alert").ID("ftp-test-failed").Role("alert").Body(icon("alert"), app.Span().Text(p.t("ftp.test.failed")))
	}
	return app.Section().Class("card").ID("ftp-test-result").Aria("labelledby", "ftp-test-title").Body(
		app.H2().ID("ftp-test-title").Text(p.t("ftp.test.title")),
		verdict,
		app.Ol().Class("steps").Body(steps...),
		p.certificate(r),
	)
}

func (p *ftpPage) stepUI(s ftpStep) app.UI {
	mark, class := icon("check"), "step ok"
	if !s.OK {
		mark, class = icon("alert"), "step bad"
	}
	var why app.UI
	switch {
	case s.Code != "":
		why = app.Span().Class("step-error").Body(app.Span().Class("step-why").Text(p.failText(s.Code, s.Args)),
			app.Span().Class("muted").Text(" "+s.Error))
	case s.Error != "":
		why = app.Span().Class("muted step-error").Text(s.Error)
	}
	var reply app.UI
	if s.Reply != "" {
		reply = app.Code().Class("step-reply").Text(s.Reply)
	}
	return app.Li().Class(class).DataSet("step", s.Step).Body(
		mark, app.Strong().Text(p.t(stepKeys[s.Step])), reply, why,
	)
}

// certificate shows a certificate the settings do not trust yet, with Accept.
func (p *ftpPage) certificate(r ftpTest) app.UI {
	if r.Fingerprint == "" || r.Trusted {
		return nil
	}
	return app.Div().Class("note cert").ID("ftp-cert").Body(
		app.P().Body(icon("info"), app.Span().Text(p.t("ftp.cert.text"))),
		app.P().Body(app.Code().Class("mono fingerprint").ID("ftp-cert-fingerprint").Text(r.Fingerprint)),
		app.Button().Type("button").ID("ftp-accept").Class("btn").OnClick(p.onAccept).Text(p.t("ftp.cert.accept")),
	)
}

// stepKeys are the messages of the connection test's steps.
var stepKeys = map[string]string{"connect": "ftp.step.connect", "tls": "ftp.step.tls", "login": "ftp.step.login",
	"list": "ftp.step.list", "write": "ftp.step.write", "size": "ftp.step.size", "read": "ftp.step.read",
	"delete": "ftp.step.delete"}
