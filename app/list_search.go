package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// listSearch is the search box and the pages of a long list (Clients, Tasks): the server
// answers one page at a time.
type listSearch struct {
	query listQuery // the page asked for
	shown listQuery // the page the rows on screen answer (the pages set it when rows arrive)
	typed string    // the search as typed, sent on submit
}

// arrived notes that the rows on screen now answer the page asked for.
func (l *listSearch) arrived() { l.shown = l.query }

// searchForm is the search box of the list id; submitting it shows the first page that matches.
func (l *listSearch) searchForm(f *frame, id, label string, go_ func(app.Context, listQuery)) app.UI {
	return app.Form().Class("list-search").ID(id+"-search").Role("search").Method("get").
		OnSubmit(func(ctx app.Context, e app.Event) {
			e.PreventDefault()
			l.query = listQuery{Q: l.typed}
			go_(ctx, l.query)
		}).Body(
		app.Label().For(id+"-q").Class("visually-hidden").Text(label),
		inputValue(app.Input().Type("search").ID(id+"-q").Placeholder(label).Spellcheck(false).Attr("autocapitalize", "none").
			OnInput(func(ctx app.Context, e app.Event) { l.typed = valueOf(ctx) }), l.typed),
		app.Button().Type("submit").Class("btn").Text(f.t("list.search")),
	)
}

// pager says which rows are shown and leads to the pages before and after; more says the
// server has rows after this page.
func (l *listSearch) pager(f *frame, id string, shown int, more bool, go_ func(app.Context, listQuery)) app.UI {
	if l.shown.Offset == 0 && !more {
		return nil
	}
	busy := l.query != l.shown
	// go-app keeps the first handler of an element: the offset is read at each click.
	move := func(pages int) app.EventHandler {
		return func(ctx app.Context, e app.Event) {
			l.query.Offset = max(0, l.shown.Offset+pages*pageSize)
			go_(ctx, l.query)
		}
	}
	from, to := l.shown.Offset+1, l.shown.Offset+shown
	return app.Nav().Class("pager").ID(id+"-pager").Aria("label", f.t("list.pages")).Body(
		app.Button().Type("button").ID(id+"-prev").Class("btn").Disabled(busy || l.shown.Offset == 0).
			OnClick(move(-1)).Text(f.t("list.prev")),
		app.Span().Class("muted").Role("status").Text(f.t("list.rows", strconv.Itoa(from), strconv.Itoa(to))),
		app.Button().Type("button").ID(id+"-next").Class("btn").Disabled(busy || !more).
			OnClick(move(1)).Text(f.t("list.next")),
	)
}

// page cuts the extra row asked for off a page: the rows to show and whether more exist.
func pageOf[T any](rows []T) ([]T, bool) {
	if len(rows) > pageSize {
		return rows[:pageSize], true
	}
	return rows, false
}
