package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// previewBox says when the schedule, as set in the form, runs next, and which backups its
// retention rule would delete now.
func (p *schedulePage) previewBox() app.UI {
	pv := p.preview
	box := app.Div().Class("note").ID("schedule-preview").Aria("live", "polite")
	switch pv.Status {
	case loading:
		if pv.Data.NextText == "" {
			return box.Body(app.P().Class("muted").Text(p.t("schedule.preview.loading")))
		}
	case failed:
		return box.Body(p.failureView(pv.Err, nil))
	case idle:
		return box
	}
	d := pv.Data
	body := []app.UI{app.P().ID("schedule-next").Body(app.Strong().Text(p.t("schedule.next")+" "), app.Text(d.NextText))}
	var names []app.UI
	for _, c := range d.Plan.Delete {
		for _, n := range c.Names {
			names = append(names, app.Li().Body(app.Code().Text(n)))
		}
	}
	switch {
	case d.PlanError != "":
		body = append(body, app.P().Class("reason").Text(p.t("schedule.plan.unknown")+" "+d.PlanError))
	case len(names) == 0:
		body = append(body, app.P().ID("schedule-plan").Text(p.t("schedule.plan.none")))
	default:
		body = append(body, app.P().ID("schedule-plan").Class("reason").Body(icon("alert"),
			app.Span().Text(p.t("schedule.plan.some", strconv.Itoa(len(names))))),
			app.Ul().ID("schedule-plan-names").Body(names...),
			app.P().Class("muted").Text(p.t("schedule.plan.when")))
	}
	return box.Body(body...)
}

// scheduleStatus says whether a schedule is saved, when it runs next and how its last run went.
func (p *schedulePage) scheduleStatus() app.UI {
	v := p.saved.Data
	if v.Schedule == nil {
		return app.P().Class("muted").ID("schedule-status").Text(p.t("schedule.none"))
	}
	items := []app.UI{app.Span().Text(p.t("schedule.saved", v.NextText))}
	if st := v.Schedule.State; st.LastTask != "" {
		items = append(items, app.Text(" "), app.A().Href(customerPath(p.login, "/tasks/"+st.LastTask)).
			Text(p.t("schedule.last", p.t("status."+st.LastStatus))))
	}
	return app.P().Class("note").ID("schedule-status").Body(items...)
}

// scheduleButtons: Save, and Turn off when a schedule is saved.
func (p *schedulePage) scheduleButtons() app.UI {
	label := p.t("schedule.save")
	save := app.Button().Type("submit").ID("schedule-save").Class("btn btn-primary").Body(icon("clock"), app.Span().Text(label))
	if p.save.Status == loading {
		save = save.Disabled(true).Aria("busy", "true")
	}
	var off app.UI
	if p.saved.Data.Schedule != nil {
		off = app.Button().Type("button").ID("schedule-off").Class("btn").OnClick(p.onOff).Text(p.t("schedule.off"))
	}
	var refusal app.UI
	if p.save.Status == failed {
		refusal = p.failureView(p.save.Err, nil)
	}
	return app.Div().Class("form-actions").Body(refusal, app.Div().Class("form-buttons").Body(save, off))
}
