package app

import (
	"context"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// tasksPage is the administrator's Tasks: every client's tasks, newest first, followed while one
// of them is live.
type tasksPage struct {
	app.Compo
	frame
	tasks   remote[[]task]
	watched bool
	stop    context.CancelFunc
	listSearch
}

func (p *tasksPage) OnNav(ctx app.Context) {
	p.adminOnly = true
	p.frame.nav(ctx, "nav.tasks")
	if app.IsServer {
		return
	}
	if !p.watched {
		p.watched = true
		ctx.ObserveState(stateAllTasks).OnChange(p.arrived).Value(&p.tasks)
	}
	p.show(ctx, p.query)
}

// show follows the page q of the list: it asks for it again while one of its tasks is live.
func (p *tasksPage) show(ctx app.Context, q listQuery) {
	if p.stop != nil {
		p.stop()
	}
	stop, cancel := context.WithCancel(ctx)
	p.stop = cancel
	ctx.Async(func() {
		poll(ctx, stop, stateAllTasks, q.path("/api/tasks"), listPollEvery, func(ts []task) bool { return len(liveTasks(ts)) == 0 })
	})
}

func (p *tasksPage) OnDismount() {
	if p.stop != nil {
		p.stop()
		p.stop = nil
	}
}

func (p *tasksPage) onRetry(ctx app.Context, e app.Event) { p.show(ctx, p.query) }

func (p *tasksPage) Render() app.UI {
	body := p.pending(p.tasks.Status, p.tasks.Err, p.onRetry)
	var pager app.UI
	if body == nil {
		rows, more := pageOf(p.tasks.Data)
		switch {
		case len(rows) == 0 && p.shown.Q != "":
			body = app.P().Class("empty-line").ID("tasks-none").Text(p.t("tasks.noMatch", p.shown.Q))
		case len(rows) == 0:
			body = emptyState("tasks", p.t("nav.tasks"), p.t("tasks.empty"))
		default:
			body = taskTable(&p.frame, rows, true)
		}
		pager = p.pager(&p.frame, "tasks", len(rows), more, p.show)
	}
	return p.shell(page{
		title: p.t("nav.tasks"), navLabel: p.t("nav.admin"), nav: p.adminNav("tasks"),
		body: []app.UI{app.P().Class("muted").Text(p.t("tasks.help")),
			app.Div().Class("list-bar").Body(p.searchForm(&p.frame, "tasks", p.t("tasks.search"), p.show)), body, pager},
	})
}
