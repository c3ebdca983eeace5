package app

import (
	"strconv"

	"coffre/engine/retention"
	"coffre/engine/schedule"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// schedulesPage is the administrator's Schedules: every client's scheduled backup with its next
// run and how its last run went.
type schedulesPage struct {
	app.Compo
	frame
	list    remote[[]scheduleView]
	watched bool
}

func (p *schedulesPage) OnNav(ctx app.Context) {
	p.adminOnly = true
	p.frame.nav(ctx, "nav.schedules")
	if app.IsServer {
		return
	}
	if !p.watched {
		p.watched = true
		ctx.ObserveState(stateSchedules).Value(&p.list)
	}
	ctx.NewAction(actionLoadSchedules)
}

func (p *schedulesPage) onRetry(ctx app.Context, e app.Event) { ctx.NewAction(actionLoadSchedules) }

func (p *schedulesPage) Render() app.UI {
	body := p.pending(p.list.Status, p.list.Err, p.onRetry)
	if body == nil && len(p.list.Data) == 0 {
		body = emptyState("clock", p.t("nav.schedules"), p.t("schedules.empty"))
	} else if body == nil {
		body = p.table()
	}
	return p.shell(page{
		title: p.t("nav.schedules"), navLabel: p.t("nav.admin"), nav: p.adminNav("schedules"),
		body: []app.UI{app.P().Class("muted").Text(p.t("schedules.help")), body},
	})
}

func (p *schedulesPage) table() app.UI {
	head := app.Tr().Body(app.Th().Text(p.t("schedules.client")), app.Th().Text(p.t("schedule.when")),
		app.Th().Text(p.t("schedules.next")), app.Th().Text(p.t("form.storage")), app.Th().Text(p.t("schedule.retention")),
		app.Th().Text(p.t("schedules.last")))
	rows := []app.UI{}
	for _, v := range p.list.Data {
		s := v.Schedule
		if s == nil {
			continue
		}
		last := "—"
		if s.State.LastStatus != "" {
			last = p.t("status." + s.State.LastStatus)
		}
		rows = append(rows, app.Tr().Body(
			app.Td().DataSet("label", p.t("schedules.client")).Body(app.A().Href(customerPath(s.Backup.Client, "/schedule")).Text(s.Backup.Client)),
			app.Td().DataSet("label", p.t("schedule.when")).Text(whenText(&p.frame, s.When)),
			app.Td().DataSet("label", p.t("schedules.next")).Text(v.NextText),
			app.Td().DataSet("label", p.t("form.storage")).Text(storageText(&p.frame, s.Backup.Storage)),
			app.Td().DataSet("label", p.t("schedule.retention")).Text(ruleText(&p.frame, s.Retention)),
			app.Td().DataSet("label", p.t("schedules.last")).Text(last),
		))
	}
	return app.Table().Class("table").ID("schedules-table").Body(app.THead().Body(head), app.TBody().Body(rows...))
}

// whenText says when a schedule runs, in the panel's language.
func whenText(f *frame, w schedule.When) string {
	switch w.Every {
	case schedule.Hourly:
		return f.t("schedule.text.hourly", strconv.Itoa(w.Minute))
	case schedule.Weekly:
		return f.t("schedule.text.weekly", f.t("weekday."+strconv.Itoa(w.Weekday)), w.At)
	case schedule.Monthly:
		return f.t("schedule.text.monthly", strconv.Itoa(w.Day), w.At)
	}
	return f.t("schedule.text.daily", w.At)
}

func storageText(f *frame, storage string) string {
	if storage == "ftp" {
		return f.t("right.ftpStorage")
	}
	return f.t("right.serverStorage")
}

// ruleText says a retention rule briefly: "last 3, 7 daily".
func ruleText(f *frame, r retention.Rule) string {
	if r.Off() {
		return f.t("schedule.keepAll")
	}
	out := ""
	for _, part := range []struct {
		n   int
		key string
	}{{r.Last, "schedule.rule.last"}, {r.Daily, "schedule.rule.daily"}, {r.Weekly, "schedule.rule.weekly"}, {r.Monthly, "schedule.rule.monthly"}} {
		if part.n > 0 {
			if out != "" {
				out += ", "
			}
			out += f.t(part.key, strconv.Itoa(part.n))
		}
	}
	return out
}

// scheduleTool leads from the Backup Manager to the Schedule page.
func scheduleTool(f *frame, login string) app.UI {
	return app.Div().Class("tools").Body(
		app.A().Class("tool").ID("schedule-link").Href(customerPath(login, "/schedule")).Body(
			icon("clock"),
			app.Span().Class("tool-text").Body(
				app.Strong().Text(f.t("schedule.title")),
				app.Span().Class("muted").Text(f.t("schedule.link.help")),
			),
		),
	)
}
