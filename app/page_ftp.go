package app

import (
	"errors"
	"strconv"
	"strings"

	"coffre/engine/account"
	"coffre/engine/spec"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// ftpPage is Backup Manager > Personal FTP Storage Settings: host, port, login, password,
// folder, encryption and the trusted certificate, Save and Test connection. The password is
// write-only; a client without the FTP right sees the page disabled with the reason.
type ftpPage struct {
	app.Compo
	customerBase
	saved    remote[ftpSettings]
	save     remote[ftpSettings]
	test     remote[ftpTest]
	form     spec.FTP
	port     string // as typed
	watching string
}

func (p *ftpPage) OnNav(ctx app.Context) {
	p.navCustomer(ctx, "ftp.title")
	if app.IsServer || p.login == "" {
		return
	}
	login := p.login
	if p.watching != login {
		p.watching = login
		p.saved, p.save, p.test = remote[ftpSettings]{}, remote[ftpSettings]{}, remote[ftpTest]{}
		while := func() bool { return p.watching == login }
		ctx.ObserveState(stateFTP(login)).While(while).OnChange(p.fill).Value(&p.saved)
		ctx.ObserveState(stateFTPSave(login)).While(while).Value(&p.save)
		ctx.ObserveState(stateFTPTest(login)).While(while).Value(&p.test)
	}
	ctx.NewActionWithValue(actionLoadFTP, login)
}

// fill puts the saved settings in the form.
func (p *ftpPage) fill() {
	if p.saved.Status != loaded {
		return
	}
	s := p.saved.Data
	p.form = spec.FTP{Host: s.Host, Port: s.Port, User: s.User, Dir: s.Dir, TLS: s.TLS, Fingerprint: s.Fingerprint}
	if p.form.TLS == "" {
		p.form.TLS = spec.FTPTLSExplicit
	}
	if p.form.Port == 0 {
		p.form.Port = spec.DefaultFTPPort(p.form.TLS)
	}
	p.port = strconv.Itoa(p.form.Port)
	clearField("ftp-password")
}

// request is the form as typed, trimmed.
func (p *ftpPage) request() ftpRequest {
	f := p.form
	f.Host, f.User, f.Dir = strings.TrimSpace(f.Host), strings.TrimSpace(f.User), strings.TrimSpace(f.Dir)
	f.Fingerprint = strings.TrimSpace(f.Fingerprint)
	f.Port, _ = strconv.Atoi(strings.TrimSpace(p.port))
	return ftpRequest{Login: p.login, Form: f}
}

func (p *ftpPage) onSave(ctx app.Context, e app.Event) {
	e.PreventDefault()
	ctx.NewActionWithValue(actionSaveFTP, p.request())
}

func (p *ftpPage) onTest(ctx app.Context, e app.Event) {
	e.PreventDefault()
	ctx.NewActionWithValue(actionTestFTP, p.request())
}

// onAccept trusts the certificate the last test met, saves, and tests again.
func (p *ftpPage) onAccept(ctx app.Context, e app.Event) {
	e.PreventDefault()
	p.form.Fingerprint = p.test.Data.Fingerprint
	r := p.request()
	ctx.NewActionWithValue(actionSaveFTP, r)
	ctx.NewActionWithValue(actionTestFTP, r)
}

func (p *ftpPage) onTLS(ctx app.Context, e app.Event) {
	old := p.form.TLS
	p.form.TLS = valueOf(ctx)
	if p.port == strconv.Itoa(spec.DefaultFTPPort(old)) || p.port == "" {
		p.port = strconv.Itoa(spec.DefaultFTPPort(p.form.TLS))
	}
}

func (p *ftpPage) set(field *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { *field = valueOf(ctx) }
}

func (p *ftpPage) onRetryFTP(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionLoadFTP, p.login)
}

func (p *ftpPage) Render() app.UI {
	return p.render("backups", "ftp.title", func(a account.Account) []app.UI {
		back := app.P().Body(app.A().ID("ftp-back").Href(customerPath(p.login, "/backups")).Text(p.t("ftp.back")))
		if !a.Client.Rights.FTPStorage {
			return []app.UI{back, p.disabled()}
		}
		if w := p.pending(p.saved.Status, p.saved.Err, p.onRetryFTP); w != nil {
			return []app.UI{back, w}
		}
		return []app.UI{back, p.settingsForm(), p.testResult()}
	})
}

// disabled is the page of a client without the FTP right: the reason, nothing to fill.
func (p *ftpPage) disabled() app.UI {
	return app.Div().Class("card").ID("ftp-disabled").Body(
		app.P().Class("reason").Body(icon("info"), app.Span().Body(
			app.Strong().Text(p.t("backup.unavailable")+" "), app.Text(p.t("err."+spec.CodeRightFTP)))),
		app.P().Class("muted").Text(p.t("ftp.disabled.help")),
	)
}

// problemsFor is what the server, or the check as typed, refuses about field.
func (p *ftpPage) problemsFor(field string) []account.FieldProblem {
	var out []account.FieldProblem
	var es spec.Errors
	if errors.As(p.request().Form.Validate(), &es) { // the server's own check, as typed
		for _, e := range es {
			if e.Field == field && e.Code != spec.CodeRequired {
				out = append(out, account.FieldProblem{Field: e.Field, Code: e.Code, Args: e.Args})
			}
		}
	}
	if p.save.Status == failed && p.save.Err != nil && len(out) == 0 {
		for _, fp := range p.save.Err.Problem.Fields {
			if fp.Field == field {
				out = append(out, fp)
			}
		}
	}
	if p.test.Status == failed && p.test.Err != nil && len(out) == 0 {
		for _, fp := range p.test.Err.Problem.Fields {
			if fp.Field == field {
				out = append(out, fp)
			}
		}
	}
	return out
}
