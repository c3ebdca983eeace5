package app

import (
	"strconv"
	"strings"

	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// settingsPage is the administrator's Settings: the SMTP server that task notifications go
// through, and Send test mail. The password is write-only: the page only says whether one is set.
type settingsPage struct {
	app.Compo
	frame
	smtp    remote[smtpSettings]
	save    remote[smtpSettings]
	test    remote[string]
	form    smtpSettings
	port    string // as typed
	testTo  string
	watched bool
	// fromShown is the sender as saved: a type="email" field is set only from it, never echoed
	// back while the user types.
	fromShown string
}

func (p *settingsPage) OnNav(ctx app.Context) {
	p.adminOnly = true
	p.frame.nav(ctx, "nav.settings")
	if app.IsServer {
		return
	}
	if !p.watched {
		p.watched = true
		ctx.ObserveState(stateSMTP).OnChange(p.fill).Value(&p.smtp)
		ctx.ObserveState(stateSMTPSave).Value(&p.save)
		ctx.ObserveState(stateSMTPTest).Value(&p.test)
	}
	ctx.NewAction(actionLoadSMTP)
}

// fill puts the saved settings in the form, with defaults for what was never set.
func (p *settingsPage) fill() {
	if p.smtp.Status != loaded {
		return
	}
	p.form = p.smtp.Data
	p.fromShown = p.form.From
	p.form.Password = ""
	clearField("smtp-password")
	if p.form.TLS == "" {
		p.form.TLS = "starttls"
	}
	if p.form.Port == 0 {
		p.form.Port = 587
	}
	p.port = strconv.Itoa(p.form.Port)
}

func (p *settingsPage) onRetry(ctx app.Context, e app.Event) { ctx.NewAction(actionLoadSMTP) }

func (p *settingsPage) onSave(ctx app.Context, e app.Event) {
	e.PreventDefault()
	s := p.form
	s.Host, s.User, s.From = strings.TrimSpace(s.Host), strings.TrimSpace(s.User), strings.TrimSpace(s.From)
	s.Port, _ = strconv.Atoi(strings.TrimSpace(p.port))
	ctx.NewActionWithValue(actionSaveSMTP, s)
}

func (p *settingsPage) onTest(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if to := strings.TrimSpace(p.testTo); to != "" {
		ctx.NewActionWithValue(actionTestSMTP, to)
	}
}

func (p *settingsPage) set(field *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { *field = valueOf(ctx) }
}

func (p *settingsPage) Render() app.UI {
	body := p.pending(p.smtp.Status, p.smtp.Err, p.onRetry)
	if body == nil {
		body = app.Div().Body(p.smtpForm(), p.testForm())
	}
	return p.shell(page{
		title: p.t("nav.settings"), navLabel: p.t("nav.admin"), nav: p.adminNav("settings"), body: []app.UI{body},
	})
}

// problemsFor is what the server refused about field in the last save.
func (p *settingsPage) problemsFor(field string) []account.FieldProblem {
	if p.save.Status != failed || p.save.Err == nil {
		return nil
	}
	pr := p.save.Err.Problem
	var out []account.FieldProblem
	if pr.Field == field {
		out = append(out, account.FieldProblem{Field: field, Code: pr.Code, Args: pr.Args})
	}
	for _, fp := range pr.Fields {
		if fp.Field == field {
			out = append(out, fp)
		}
	}
	return out
}

// input is a labelled text input with its help and the server's refusal beside it.
func (p *settingsPage) input(id, field, labelKey, help string, in app.HTMLInput) app.UI {
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
