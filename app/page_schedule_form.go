package app

import (
	"strconv"

	"coffre/engine/account"
	"coffre/engine/schedule"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// scheduleForm is the Schedule page's form: when, the Back Up form's questions, the retention
// rule, the preview and the buttons.
func (p *schedulePage) scheduleForm(a account.Account) app.UI {
	check := p.checkedForm().check(a, p.scope)
	if p.save.Status == failed && p.save.Err != nil {
		for _, fp := range p.save.Err.Problem.Fields {
			check.add(fp)
		}
	}
	req := p.form.request(a, p.scope)
	return app.Form().Class("card backup-form").ID("schedule-form").Method("post").OnSubmit(p.onSave).OnChange(p.onAnyChange).Body(
		app.P().Class("muted").Text(p.t("schedule.intro")),
		p.whenQuestion(check),
		p.dataQuestion(check),
		p.storageQuestion(a, req.Storage, check),
		p.typeQuestion(req, check),
		p.fullEveryQuestion(),
		p.splitQuestion(check),
		p.commentQuestion(check),
		p.excludeLogsQuestion(check),
		p.excludeQuestion(req, check),
		p.notifyQuestion(check),
		p.notifyOnQuestion(),
		p.schedulePasswordQuestion(check),
		p.optionUI(option{id: "low-priority", label: p.t("schedule.low"), help: p.t("schedule.low.help"),
			checked: p.when.LowPriority, onChange: p.setWhenBool(&p.when.LowPriority)}),
		p.retentionQuestion(check),
		p.previewBox(),
		p.scheduleButtons(),
	)
}

// whenQuestion: how often, and at what time in the host's time zone.
func (p *schedulePage) whenQuestion(c formCheck) app.UI {
	w := p.when
	every := app.Select().ID("every").OnChange(p.setWhen(&p.when.Every)).Body(
		selectOption(schedule.Hourly, p.t("schedule.hourly"), w.Every),
		selectOption(schedule.Daily, p.t("schedule.daily"), w.Every),
		selectOption(schedule.Weekly, p.t("schedule.weekly"), w.Every),
		selectOption(schedule.Monthly, p.t("schedule.monthly"), w.Every),
	)
	fields := []app.UI{app.Div().Class("field inline").Body(app.Label().For("every").Text(p.t("schedule.every")), every)}
	switch w.Every {
	case schedule.Hourly:
		fields = append(fields, numberField("minute", p.t("schedule.minute"), w.Minute, 0, 59, p.setWhen(&p.when.Minute)))
	case schedule.Weekly:
		days := make([]app.UI, 7)
		for d := range 7 {
			days[d] = selectOption(strconv.Itoa(d), p.t("weekday."+strconv.Itoa(d)), w.Weekday)
		}
		fields = append(fields, app.Div().Class("field inline").Body(app.Label().For("weekday").Text(p.t("schedule.weekday")),
			app.Select().ID("weekday").OnChange(p.setWhen(&p.when.Weekday)).Body(days...)))
	case schedule.Monthly:
		fields = append(fields, numberField("day", p.t("schedule.day"), w.Day, 1, 31, p.setWhen(&p.when.Day)))
	}
	if w.Every != schedule.Hourly {
		fields = append(fields, app.Div().Class("field inline").Body(app.Label().For("at").Text(p.t("schedule.at")),
			inputValue(app.Input().Type("time").ID("at").Class("input-short").OnChange(p.setWhen(&p.when.At)), w.At)))
	}
	var problems []account.FieldProblem
	for _, f := range []string{"every", "at", "minute", "weekday", "day"} {
		problems = append(problems, c.fields[f]...)
	}
	return fieldset("when", p.t("schedule.when"), p.t("schedule.when.help"), append(fields, p.fieldErrors("when", problems))...)
}

// fullEveryQuestion: how often an incremental schedule starts a new chain.
func (p *schedulePage) fullEveryQuestion() app.UI {
	if !p.form.Incremental {
		return nil
	}
	return app.Div().Class("question field inline").Body(
		app.Label().For("full-every").Text(p.t("schedule.fullEvery")),
		app.Select().ID("full-every").OnChange(p.setWhen(&p.when.FullEvery)).Body(
			selectOption("", p.t("schedule.fullEvery.never"), p.when.FullEvery),
			selectOption("week", p.t("schedule.fullEvery.week"), p.when.FullEvery),
			selectOption("month", p.t("schedule.fullEvery.month"), p.when.FullEvery),
		),
		helpLine("full-every", p.t("schedule.fullEvery.help")),
	)
}

// notifyOnQuestion: mail on errors only, or always.
func (p *schedulePage) notifyOnQuestion() app.UI {
	if !p.form.NotifyOn {
		return nil
	}
	on := func(v bool) app.EventHandler {
		return func(ctx app.Context, e app.Event) { p.when.NotifyAlways = v }
	}
	return fieldset("notify-when", p.t("schedule.notifyOn"), "",
		p.optionUI(option{id: "notify-errors", radio: "notify-when", value: "errors", label: p.t("schedule.notifyOn.errors"),
			checked: !p.when.NotifyAlways, onChange: on(false)}),
		p.optionUI(option{id: "notify-always", radio: "notify-when", value: "always", label: p.t("schedule.notifyOn.always"),
			checked: p.when.NotifyAlways, onChange: on(true)}),
	)
}

// retentionQuestion: keep the last N, and the newest of the last days, weeks, months.
func (p *schedulePage) retentionQuestion(c formCheck) app.UI {
	w := &p.when
	var problems []account.FieldProblem
	for _, f := range []string{"last", "daily", "weekly", "monthly", "retentionScope"} {
		problems = append(problems, c.fields[f]...)
	}
	scope := func(v string) app.EventHandler { return func(ctx app.Context, e app.Event) { p.when.Scope = v } }
	return fieldset("retention", p.t("schedule.retention"), p.t("schedule.retention.help"),
		numberField("keep-last", p.t("schedule.keepLast"), w.Last, 0, 1000, p.setWhen(&w.Last)),
		numberField("keep-daily", p.t("schedule.keepDaily"), w.Daily, 0, 1000, p.setWhen(&w.Daily)),
		numberField("keep-weekly", p.t("schedule.keepWeekly"), w.Weekly, 0, 1000, p.setWhen(&w.Weekly)),
		numberField("keep-monthly", p.t("schedule.keepMonthly"), w.Monthly, 0, 1000, p.setWhen(&w.Monthly)),
		p.optionUI(option{id: "scope-schedule", radio: "retention-scope", value: "schedule", label: p.t("schedule.scope.schedule"),
			checked: w.Scope != "storage", onChange: scope("schedule")}),
		p.optionUI(option{id: "scope-storage", radio: "retention-scope", value: "storage", label: p.t("schedule.scope.storage"),
			help: p.t("schedule.scope.storage.help"), checked: w.Scope == "storage", onChange: scope("storage")}),
		p.fieldErrors("retention", problems),
	)
}

// selectOption is an option of a select, selected when its value is current.
func selectOption(value, label, current string) app.UI {
	o := app.Option().Value(value).Text(label)
	if value == current {
		o = o.Selected(true)
	}
	return o
}

// numberField is a labelled number input.
func numberField(id, label, value string, lo, hi int, onChange app.EventHandler) app.UI {
	return app.Div().Class("field inline").Body(app.Label().For(id).Text(label),
		inputValue(app.Input().Type("number").ID(id).Class("input-short").Attr("min", lo).Attr("max", hi).
			Attr("inputmode", "numeric").OnChange(onChange), value))
}
