package app

import (
	"slices"
	"strconv"
	"strings"

	"coffre/engine/account"
	"coffre/engine/spec"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// State and actions of the Back Up form's extras: whether notifications can be sent, and the
// request of an earlier backup task to start from ("Back up again").
const (
	stateNotifications = "notifications" // remote[notifications]
	actionLoadNotify   = "notifications/load"
	actionLoadAgain    = "backup/again" // value: againRequest
)

// notifications is GET /api/notifications: whether task notifications can be sent on this host.
type notifications struct {
	Available bool `json:"available"`
}

// againRequest asks for the request of backup task ID of client Login.
type againRequest struct{ Login, ID string }

// stateAgain is the key of the request a form starts from: remote[spec.Backup].
func stateAgain(login, id string) string { return "again/" + login + "/" + id }

func registerBackupMoreActions() {
	app.Handle(actionLoadNotify, func(ctx app.Context, a app.Action) {
		load[notifications](ctx, stateNotifications, "/api/notifications")
	})
	app.Handle(actionLoadAgain, func(ctx app.Context, a app.Action) {
		r, ok := a.Value.(againRequest)
		if !ok || r.ID == "" {
			return
		}
		key := stateAgain(r.Login, r.ID)
		var t task
		if f := send(ctx, "GET", taskAPIPath(r.ID), nil, &t); f != nil {
			ctx.SetState(key, remote[spec.Backup]{Status: failed, Err: f})
			return
		}
		b, ok := t.backupSpec()
		if !ok || t.Client != r.Login {
			ctx.SetState(key, remote[spec.Backup]{Status: failed, Err: &failure{HTTPStatus: 404, Problem: notFoundProblem()}})
			return
		}
		ctx.SetState(key, remote[spec.Backup]{Status: loaded, Data: b})
	})
}

func notFoundProblem() account.Problem { return account.Problem{Code: "not_found"} }

// formOf is the form that asks again for backup b: "Back up again" carries the last request.
func formOf(b spec.Backup, a account.Account) backupForm {
	f := backupForm{ConfigOnly: b.ConfigOnly, Mail: b.Mail || b.ConfigOnly, Files: b.Files || b.ConfigOnly, Storage: b.Storage,
		Incremental: b.Incremental, Comment: b.Comment, ExcludeLogs: b.ExcludeLogs, Exclude: b.Exclude,
		ExcludeSome: b.Exclude != "", NotifyOn: b.Notify != "", Notify: b.Notify}
	if b.SplitMB > 0 {
		f.Split, f.SplitMB = true, strconv.Itoa(b.SplitMB)
	}
	if len(b.Subscriptions) > 0 {
		var out []string
		for _, s := range a.Subscriptions {
			if !slices.Contains(b.Subscriptions, s.Domain) {
				out = append(out, s.Domain)
			}
		}
		f.LeftOut = strings.Join(out, "\n")
	}
	return f
}

// chosen are the subscriptions the form backs up: nil for all of them.
func (f backupForm) chosen(a account.Account) []string {
	if f.LeftOut == "" {
		return nil
	}
	out := []string{}
	left := strings.Split(f.LeftOut, "\n")
	for _, s := range a.Subscriptions {
		if !slices.Contains(left, s.Domain) {
			out = append(out, s.Domain)
		}
	}
	return out
}

// toggleLeftOut leaves domain out of the backup, or takes it back.
func (f *backupForm) toggleLeftOut(domain string, chosen bool) {
	var left []string
	if f.LeftOut != "" {
		left = strings.Split(f.LeftOut, "\n")
	}
	left = slices.DeleteFunc(left, func(d string) bool { return d == domain })
	if !chosen {
		left = append(left, domain)
	}
	slices.Sort(left)
	f.LeftOut = strings.Join(left, "\n")
}

// subscriptionQuestion: which of the client's subscriptions to back up, when it has more than
// one (the CLI's --subscription).
func (p *backupPage) subscriptionQuestion(a account.Account, c formCheck) app.UI {
	if len(a.Subscriptions) < 2 {
		return nil
	}
	left := strings.Split(p.form.LeftOut, "\n")
	opts := make([]app.UI, 0, len(a.Subscriptions)+1)
	for i, s := range a.Subscriptions {
		domain := s.Domain
		opts = append(opts, p.optionUI(option{id: "sub-" + strconv.Itoa(i), label: domain, checked: !slices.Contains(left, domain),
			onChange: func(ctx app.Context, e app.Event) { p.form.toggleLeftOut(domain, checkedOf(ctx)) }}))
	}
	opts = append(opts, p.fieldErrors("subscriptions", c.fields["subscriptions"]))
	return fieldset("subscriptions", p.t("form.subscriptions"), p.t("form.subscriptions.help"), opts...)
}

// notifyReason is why the notification cannot be asked for: no mail settings on this host.
func (p *backupPage) notifyReason() string {
	if p.notify.Status != loaded || p.notify.Data.Available {
		return ""
	}
	if p.isAdmin() {
		return "form.notify.noMail.admin"
	}
	return "form.notify.noMail"
}

// notifySetUp leads the administrator to Settings when mail is not set up.
func (p *backupPage) notifySetUp() app.UI {
	if p.notifyReason() == "" || !p.isAdmin() {
		return nil
	}
	return app.P().Class("note").ID("notify-setup").Body(app.A().Href("/settings").Text(p.t("form.notify.setUp")))
}

// startFrom fills the form with the request of backup task id once it is read ("" for a new
// form).
func (p *backupPage) startFrom(ctx app.Context, id string) {
	if id == "" || id == p.from {
		p.from = id
		return
	}
	p.from = id
	login := p.login
	p.again = remote[spec.Backup]{}
	ctx.ObserveState(stateAgain(login, id)).While(func() bool { return p.from == id && p.login == login }).
		OnChange(func() {
			if p.again.Status == loaded && p.form == newBackupForm() {
				p.form = formOf(p.again.Data, p.acct.Data)
				p.notifyShown = p.form.Notify
			}
		}).Value(&p.again)
	ctx.NewActionWithValue(actionLoadAgain, againRequest{Login: login, ID: id})
}

// onNotify turns the notification on or off; turned on with no address yet, it proposes the
// client's own.
func (p *backupPage) onNotify(ctx app.Context, e app.Event) {
	p.form.NotifyOn = checkedOf(ctx)
	if p.form.NotifyOn && strings.TrimSpace(p.form.Notify) == "" {
		p.form.Notify = p.acct.Data.Client.Email
		p.notifyShown = p.form.Notify
	}
}
