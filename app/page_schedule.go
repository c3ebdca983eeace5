package app

import (
	"strconv"
	"strings"

	"coffre/engine/account"
	"coffre/engine/retention"
	"coffre/engine/schedule"
	"coffre/engine/spec"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// schedulePage is Backup Manager > Schedule ("/customer/{login}/schedule"): when the client's
// backup runs, the Back Up form's choices (the same questions, on the embedded backupPage),
// the retention rule, and, as they change, the next run and what the rule would delete now.
type schedulePage struct {
	backupPage
	when    scheduleForm
	saved   remote[scheduleView]
	save    remote[scheduleView]
	preview remote[schedulePreview]
	filled  string // the login whose saved schedule is in the form
}

// scheduleForm is the Schedule page's own fields, as typed.
type scheduleForm struct {
	Every, At, Minute, Weekday, Day string
	FullEvery                       string
	NotifyAlways, LowPriority       bool
	Last, Daily, Weekly, Monthly    string
	Scope                           string
}

func newScheduleForm() scheduleForm {
	return scheduleForm{Every: schedule.Daily, At: "02:00", Minute: "0", Weekday: "1", Day: "1", Scope: "schedule"}
}

func (p *schedulePage) OnNav(ctx app.Context) {
	p.form, p.when, p.scope = newBackupForm(), newScheduleForm(), spec.ScopeAccount
	p.navCustomer(ctx, "schedule.title")
	if app.IsServer || p.login == "" {
		return
	}
	login := p.login
	if p.watching != login {
		p.watching, p.filled = login, ""
		p.saved, p.save, p.preview = remote[scheduleView]{}, remote[scheduleView]{}, remote[schedulePreview]{}
		while := func() bool { return p.watching == login }
		ctx.ObserveState(stateSchedule(login)).While(while).OnChange(func() { p.fill(ctx) }).Value(&p.saved)
		ctx.ObserveState(stateScheduleSave(login)).While(while).Value(&p.save)
		ctx.ObserveState(stateSchedulePreview(login)).While(while).Value(&p.preview)
		ctx.ObserveState(stateBackups(login)).While(while).Value(&p.backups)
		// The preview needs the account too: whichever of the two arrives last fills the form.
		ctx.ObserveState(stateAccount(login)).While(while).OnChange(func() { p.fill(ctx) }).Value(&p.acct)
		ctx.ObserveState(statePreview(login)).While(while).Value(&p.backupPage.preview) // what the exclusions leave out
	}
	ctx.NewActionWithValue(actionLoadSchedule, login)
	ctx.NewActionWithValue(actionLoadBackups, login)
}

// fill puts the saved schedule in the form once both it and the account are loaded, then asks
// for the preview.
func (p *schedulePage) fill(ctx app.Context) {
	if p.saved.Status != loaded || p.acct.Status != loaded || p.filled == p.login {
		return
	}
	p.filled = p.login
	if s := p.saved.Data.Schedule; s != nil {
		p.form, p.when = formOfSchedule(*s)
	}
	p.askPreview(ctx)
}

// formOfSchedule is a saved schedule as the forms show it.
func formOfSchedule(s scheduleData) (backupForm, scheduleForm) {
	b := s.Backup
	f := backupForm{ConfigOnly: b.ConfigOnly, Mail: b.Mail, Files: b.Files, Storage: b.Storage, Incremental: b.Incremental,
		Split: b.SplitMB > 0, Comment: b.Comment, ExcludeLogs: b.ExcludeLogs, ExcludeSome: b.Exclude != "",
		Exclude: b.Exclude, NotifyOn: b.Notify != "", Notify: b.Notify, Protect: s.PasswordKept}
	if b.SplitMB > 0 {
		f.SplitMB = strconv.Itoa(b.SplitMB)
	}
	w := s.When
	num := func(n int) string {
		if n == 0 {
			return ""
		}
		return strconv.Itoa(n)
	}
	sf := scheduleForm{Every: w.Every, At: w.At, Minute: strconv.Itoa(w.Minute), Weekday: strconv.Itoa(w.Weekday),
		Day: strconv.Itoa(w.Day), FullEvery: s.FullEvery, NotifyAlways: s.NotifyOn == "always", LowPriority: s.LowPriority,
		Last: num(s.Retention.Last), Daily: num(s.Retention.Daily), Weekly: num(s.Retention.Weekly),
		Monthly: num(s.Retention.Monthly), Scope: s.RetentionScope}
	if sf.At == "" {
		sf.At = "02:00"
	}
	return f, sf
}

// request is the schedule the forms ask for.
func (p *schedulePage) request() scheduleRequest {
	a := p.acct.Data
	n := func(s string) int { v, _ := strconv.Atoi(strings.TrimSpace(s)); return v }
	w := schedule.When{Every: p.when.Every, At: strings.TrimSpace(p.when.At)}
	switch w.Every {
	case schedule.Hourly:
		w.At, w.Minute = "", n(p.when.Minute)
	case schedule.Weekly:
		w.Weekday = n(p.when.Weekday)
	case schedule.Monthly:
		w.Day = n(p.when.Day)
	}
	s := scheduleData{Backup: p.form.request(a, p.scopeOf(a)), When: w, LowPriority: p.when.LowPriority,
		Retention:      retention.Rule{Last: n(p.when.Last), Daily: n(p.when.Daily), Weekly: n(p.when.Weekly), Monthly: n(p.when.Monthly)},
		RetentionScope: p.when.Scope, NotifyOn: "errors"}
	if s.Backup.Incremental {
		s.FullEvery = p.when.FullEvery
	}
	if p.when.NotifyAlways {
		s.NotifyOn = "always"
	}
	return scheduleRequest{Login: p.login, Schedule: p.withPassword(s)}
}

// scopeOf is what a schedule backs up: the account with its websites, or the websites only
// when the client may not back up its account.
func (p *schedulePage) scopeOf(a account.Account) spec.Scope {
	if a.Client.Login != "" && !a.Client.Rights.AccountBackup {
		return spec.ScopeWebsites
	}
	return spec.ScopeAccount
}

// askPreview asks what the schedule, as the forms stand, would do.
func (p *schedulePage) askPreview(ctx app.Context) {
	if p.acct.Status == loaded {
		r := p.request()
		r.Schedule.Password = "" // the preview needs no password: it never goes there
		ctx.NewActionWithValue(actionPreviewSchedule, r)
	}
}

// onAnyChange follows every change of the form (change events bubble up to it).
func (p *schedulePage) onAnyChange(ctx app.Context, e app.Event) { p.askPreview(ctx) }

func (p *schedulePage) onSave(ctx app.Context, e app.Event) {
	e.PreventDefault()
	if p.save.Status != loading {
		ctx.NewActionWithValue(actionSaveSchedule, p.request())
	}
}

func (p *schedulePage) onOff(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionScheduleOff, p.login)
	p.filled = ""
}

func (p *schedulePage) setWhen(field *string) app.EventHandler {
	return func(ctx app.Context, e app.Event) { *field = valueOf(ctx) }
}

func (p *schedulePage) setWhenBool(field *bool) app.EventHandler {
	return func(ctx app.Context, e app.Event) { *field = checkedOf(ctx) }
}

func (p *schedulePage) onRetrySchedule(ctx app.Context, e app.Event) {
	ctx.NewActionWithValue(actionLoadSchedule, p.login)
}

func (p *schedulePage) Render() app.UI {
	return p.render("backups", "schedule.title", func(a account.Account) []app.UI {
		p.scope = p.scopeOf(a)
		back := app.P().Class("back").Body(app.A().ID("schedule-back").Href(customerPath(p.login, "/backups")).Body(
			icon("back"), app.Span().Text(p.t("backupForm.backToList"))))
		if c, _ := choiceFor(a, p.scope); c.Reason != "" {
			return []app.UI{choiceAction(&p.frame, p.login, c), back}
		}
		if w := p.pending(p.saved.Status, p.saved.Err, p.onRetrySchedule); w != nil {
			return []app.UI{back, w}
		}
		return []app.UI{back, p.scheduleStatus(), p.scheduleForm(a)}
	})
}
