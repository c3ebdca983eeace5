package app

import (
	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// pending renders a remote state that is not loaded: "Loading…", or the failure with Try again.
// It returns nil once the state is loaded.
func (f *frame) pending(s status, err *failure, retry app.EventHandler) app.UI {
	switch s {
	case loaded:
		return nil
	case failed:
		return f.failureView(err, retry)
	default:
		return app.P().Class("loading").Aria("busy", "true").Role("status").Text(f.t("loading"))
	}
}

// failureView says what went wrong, in the panel's language, with Try again when it may help.
func (f *frame) failureView(err *failure, retry app.EventHandler) app.UI {
	msg := f.t("err.network")
	var detail app.UI
	if err != nil {
		msg = problemText(f.lang, err.Problem)
		if c := err.Problem.Cause; c != "" {
			msg, detail = msg+" "+f.failText(c, err.Problem.CauseArgs), f.detailUI(err.Problem.Error)
		}
	}
	var again app.UI
	if retry != nil && (err == nil || err.HTTPStatus == 0 || err.HTTPStatus >= 500) {
		again = app.Button().Type("button").Class("btn").OnClick(retry).Text(f.t("retry"))
	}
	return app.Div().Class("alert").Role("alert").Body(
		icon("alert"), app.P().Text(msg), detail, again,
	)
}

// emptyState is the honest answer of a list with nothing in it.
func emptyState(iconName, title, text string, actions ...app.UI) app.UI {
	return app.Div().Class("empty").Body(
		icon(iconName),
		app.H2().Text(title),
		app.P().Text(text),
		app.Div().Class("actions").Body(actions...),
	)
}

// column is one column of a table: its heading and, on a phone, the label of each cell.
type column struct {
	label string
	class string
}

// table renders a table that turns into stacked cards on a phone: every cell carries its
// column's label (coffre.css shows it before the value when the table stacks).
func table(caption string, cols []column, rows [][]app.UI) app.UI {
	heads := make([]app.UI, len(cols))
	for i, c := range cols {
		heads[i] = app.Th().Scope("col").Class(c.class).Text(c.label)
	}
	trs := make([]app.UI, len(rows))
	for i, row := range rows {
		tds := make([]app.UI, len(row))
		for j, cell := range row {
			tds[j] = app.Td().Class(cols[j].class).DataSet("label", cols[j].label).Body(cell)
		}
		trs[i] = app.Tr().Body(tds...)
	}
	return app.Table().Class("table stack").Body(
		app.Caption().Class("visually-hidden").Text(caption),
		app.THead().Body(app.Tr().Body(heads...)),
		app.TBody().Body(trs...),
	)
}

// fact is one term and its value in a description list.
func fact(term string, value app.UI) app.UI {
	return app.Div().Body(app.Dt().Text(term), app.Dd().Body(value))
}

// orDash is s, or a dash when s is empty.
func orDash(s string) app.UI {
	if s == "" {
		return app.Span().Class("muted").Text("—")
	}
	return app.Text(s)
}
