package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// deleteButton is a row's Delete: a first click asks to confirm with what goes, the second
// sends Op (its outcome is the page's to show).
type deleteButton struct {
	app.Compo
	ID      string
	Label   string // "Delete" in the page's language
	Confirm string // what goes, and what stays
	Yes     string
	No      string
	Op      adminOp

	asking bool
}

func (d *deleteButton) Render() app.UI {
	if !d.asking {
		return app.Button().Type("button").ID(d.ID).Class("btn btn-quiet btn-danger-text").Text(d.Label).
			OnClick(func(ctx app.Context, e app.Event) { d.asking = true })
	}
	return app.Div().Class("confirm").Role("group").Aria("label", d.Label).Body(
		app.P().Text(d.Confirm),
		app.Button().Type("button").ID(d.ID+"-yes").Class("btn btn-danger").Text(d.Yes).OnClick(d.onYes),
		app.Button().Type("button").Class("btn").Text(d.No).OnClick(func(ctx app.Context, e app.Event) { d.asking = false }),
	)
}

func (d *deleteButton) onYes(ctx app.Context, e app.Event) {
	d.asking = false
	ctx.NewActionWithValue(actionAdmin, d.Op)
}
