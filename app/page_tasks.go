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
}

func (p *tasksPage) OnNav(ctx app.Context) {
	p.adminOnly = true
	p.frame.nav(ctx, "nav.tasks")
	if app.IsServer {
		return
	}
	if !p.watched {
		p.watched = true
		ctx.ObserveState(stateAllTasks).Value(&p.tasks)
	}
	if p.stop != nil {
		p.stop()
	}
	stop, cancel := context.WithCancel(ctx)
	p.stop = cancel
	ctx.Async(func() {
		poll(ctx, stop, stateAllTasks, "/api/tasks", listPollEvery, func(ts []task) bool { return len(liveTasks(ts)) == 0 })
	})
}

func (p *tasksPage) OnDismount() {
	if p.stop != nil {
		p.stop()
		p.stop = nil
	}
}

func (p *tasksPage) onRetry(ctx app.Context, e app.Event) { ctx.NewAction(actionLoadAllTasks) }

func (p *tasksPage) Render() app.UI {
	body := p.pending(p.tasks.Status, p.tasks.Err, p.onRetry)
	if body == nil {
		if len(p.tasks.Data) == 0 {
			body = emptyState("tasks", p.t("nav.tasks"), p.t("tasks.empty"))
		} else {
			body = taskTable(&p.frame, p.tasks.Data, true)
		}
	}
	return p.shell(page{
		title: p.t("nav.tasks"), navLabel: p.t("nav.admin"), nav: p.adminNav("tasks"),
		body: []app.UI{app.P().Class("muted").Text(p.t("tasks.help")), body},
	})
}
