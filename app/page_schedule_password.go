package app

import "github.com/maxence-charriere/go-app/v9/pkg/app"

// passwordKept says the saved schedule keeps a backup password for its runs.
func (p *schedulePage) passwordKept() bool {
	s := p.saved.Data.Schedule
	return s != nil && s.PasswordKept
}

// checkedForm is the form as the checks see it: a blank password keeps the kept one, so it
// is not missing then.
func (p *schedulePage) checkedForm() backupForm {
	f := p.form
	if f.Protect && f.Password == "" && p.passwordKept() {
		f.Password = "kept"
	}
	return f
}

// withPassword adds to s what to do with the kept password: keep a new one, forget it when
// the option is unchecked, or leave it (blank).
func (p *schedulePage) withPassword(s scheduleData) scheduleData {
	switch {
	case p.form.Protect:
		s.Password = p.form.Password
	case p.passwordKept():
		s.ForgetPassword = true
	}
	return s
}

// schedulePasswordQuestion: protect the scheduled backups with a password, which the server
// keeps, encrypted, to run them.
func (p *schedulePage) schedulePasswordQuestion(c formCheck) app.UI {
	in := inputValue(app.Input().Type("password").ID("schedule-password").Attr("autocomplete", "new-password").
		Attr("maxlength", maxBackupPassword).OnInput(p.setText(&p.form.Password)), p.form.Password)
	if !p.form.Protect {
		in = in.Disabled(true)
	}
	if p.passwordKept() {
		in = in.Placeholder(p.t("schedule.password.placeholder"))
	}
	if len(c.fields["password"]) > 0 {
		in = in.Aria("invalid", "true").Aria("describedby", "password-error")
	}
	nested := []app.UI{app.Div().Class("field").Body(app.Label().For("schedule-password").Text(p.t("restore.password")), in)}
	if p.passwordKept() {
		note := "schedule.password.kept"
		if !p.form.Protect {
			note = "schedule.password.forget"
		}
		nested = append(nested, app.P().Class("muted").ID("schedule-password-kept").Text(p.t(note)))
	}
	return app.Div().Class("question").Body(
		p.optionUI(option{id: "protect", label: p.t("form.password"), help: p.t("schedule.password.help"),
			checked: p.form.Protect, onChange: p.setBool(&p.form.Protect), nested: nested}),
		p.fieldErrors("password", c.fields["password"]),
	)
}
