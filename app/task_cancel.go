package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// cancelQuestion asks to confirm Cancel, saying what cancelling this kind of task leaves.
func (p *taskPage) cancelQuestion(t task) app.UI {
	kind := t.Kind
	if r, ok := t.restoreSpec(); ok && r.Undo {
		kind = "undo"
	}
	return app.Div().Class("confirm").Role("alertdialog").ID("cancel-confirm").Aria("labelledby", "cancel-question").Body(
		app.P().ID("cancel-question").Body(app.Strong().Text(p.t("cancel.question."+kind))),
		app.P().Class("muted").Text(p.t("cancel.effect."+kind)),
		app.Div().Class("form-buttons").Body(
			app.Button().Type("button").ID("task-cancel-confirm").Class("btn btn-danger").OnClick(p.onConfirm).
				Body(icon("stop"), app.Span().Text(p.t("cancel.yes"))),
			app.Button().Type("button").ID("task-cancel-keep").Class("btn").OnClick(p.onKeep).Text(p.t("cancel.no."+kind)),
		),
	)
}
