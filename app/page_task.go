package app

import (
	"context"
	"net/url"
	"strings"

	"coffre/engine/account"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// taskPage is one task ("/customer/{login}/tasks/{id}"): while it is live, a progress bar with
// files, bytes, rate, current item and time left, and Cancel; then its result with what to do
// next. It asks for the task every pollEvery until the task is final or the page is left.
type taskPage struct {
	app.Compo
	customerBase
	id       string
	task     remote[task]
	cancel   remote[task]
	others   remote[[]task] // the client's tasks: what a queued task waits for
	confirm  bool           // Cancel was pressed once: the page asks to confirm
	watching string         // the task id whose states are observed
	stop     context.CancelFunc
}

func (p *taskPage) OnNav(ctx app.Context) {
	p.navCustomer(ctx, "task.tab")
	p.id = pathTaskID(ctx.Page().URL().Path)
	if app.IsServer || p.id == "" {
		return
	}
	id := p.id
	if p.watching != id {
		p.watching = id
		p.task, p.cancel = remote[task]{}, remote[task]{}
		while := func() bool { return p.watching == id }
		ctx.ObserveState(stateTask(id)).While(while).Value(&p.task)
		ctx.ObserveState(stateCancel(id)).While(while).Value(&p.cancel)
		ctx.ObserveState(stateWaits(p.login)).While(while).Value(&p.others)
	}
	p.stopFollowing()
	stop, cancel := context.WithCancel(ctx)
	p.stop = cancel
	ctx.Async(func() {
		poll(ctx, stop, stateTask(id), taskAPIPath(id), pollEvery, func(t task) bool { return t.final() })
	})
	if login := p.login; login != "" {
		queued := func([]task) bool { return p.task.Status == loaded && p.task.Data.Status != taskQueued }
		ctx.Async(func() { poll(ctx, stop, stateWaits(login), clientPath(login)+"/tasks", listPollEvery, queued) })
	}
}

func (p *taskPage) OnDismount() { p.stopFollowing() }

func (p *taskPage) stopFollowing() {
	if p.stop != nil {
		p.stop()
		p.stop = nil
	}
}

// OnPreRender reads the client and the task from the address on the server.
func (p *taskPage) OnPreRender(ctx app.Context) {
	p.customerBase.OnPreRender(ctx)
	if id := pathTaskID(ctx.Page().URL().Path); id != "" {
		p.id = id
	}
}

// pathTaskID is the task id of "/customer/{login}/tasks/{id}", unescaped; "" when there is none.
func pathTaskID(path string) string {
	parts := strings.Split(path, "/")
	if len(parts) != 5 || parts[1] != "customer" || parts[3] != "tasks" {
		return ""
	}
	id, err := url.PathUnescape(parts[4])
	if err != nil {
		return ""
	}
	return id
}

// onCancel asks to confirm; onConfirm cancels; onKeep takes the question back.
func (p *taskPage) onCancel(ctx app.Context, e app.Event) { p.confirm = true }
func (p *taskPage) onKeep(ctx app.Context, e app.Event)   { p.confirm = false }
func (p *taskPage) onConfirm(ctx app.Context, e app.Event) {
	p.confirm = false
	ctx.NewActionWithValue(actionCancelTask, p.id)
}

func (p *taskPage) Render() app.UI {
	title := p.t("task.number", p.id)
	if p.task.Status == loaded {
		title = taskTitle(&p.frame, p.task.Data)
	}
	return p.renderTitled("backups", title, func(a account.Account) []app.UI {
		if w := p.pending(p.task.Status, p.task.Err, nil); w != nil {
			return []app.UI{w}
		}
		return p.body(p.task.Data)
	})
}

// body is the task: what it does, its progress or its result, its warnings and its log.
func (p *taskPage) body(t task) []app.UI {
	var now app.UI
	if t.Status.ended() {
		now = resultUI(&p.frame, t)
	} else {
		now = app.Section().Class("card live-task").Aria("labelledby", "progress-title").Body(
			app.H2().ID("progress-title").Body(statusBadge(&p.frame, t.Status)),
			p.queuedNote(t),
			progressBar(&p.frame, t, false),
			p.cancelUI(t),
		)
	}
	var lost app.UI
	if p.task.Err != nil && !t.Status.ended() {
		lost = app.P().Class("note").Role("status").Body(icon("alert"), app.Span().Text(p.t("task.lost")))
	}
	return []app.UI{lost, now, taskFacts(&p.frame, t), warningList(&p.frame, t), taskLog(&p.frame, t)}
}

// queuedNote says what a queued task waits for: another task of the client that runs (a
// backup and a restore of the same client never run together), or a free place.
func (p *taskPage) queuedNote(t task) app.UI {
	if t.Status != taskQueued {
		return nil
	}
	for _, o := range p.others.Data {
		if o.ID != t.ID && o.Status == taskRunning {
			return app.P().Class("muted").ID("task-waits").Body(app.Text(p.t("task.queued.for")+" "),
				app.A().Href(taskPagePath(t.Client, o.ID)).Text(p.t("task.title."+o.Kind, o.ID)))
		}
	}
	if p.others.Status == loaded {
		return app.P().Class("muted").ID("task-waits").Text(p.t("task.queued.place"))
	}
	return app.P().Class("muted").Text(p.t("task.queued.help"))
}

// cancelUI is Cancel, then "Cancelling…" once asked; a refusal says why.
func (p *taskPage) cancelUI(t task) app.UI {
	asked := t.CancelRequested || p.cancel.Status == loading || p.cancel.Status == loaded
	b := app.Button().Type("button").ID("task-cancel").Class("btn").OnClick(p.onCancel).Body(icon("stop"), app.Span().Text(p.t("task.cancel")))
	if asked {
		b = app.Button().Type("button").ID("task-cancel").Class("btn").Disabled(true).Aria("busy", "true").
			Body(icon("stop"), app.Span().Text(p.t("task.cancelling")))
	}
	var refusal app.UI
	if p.cancel.Status == failed {
		refusal = p.failureView(p.cancel.Err, nil)
	}
	if p.confirm && !asked {
		return p.cancelQuestion(t)
	}
	return app.Div().Class("form-buttons").Body(b, refusal)
}

// stateWaits is the client's tasks as the task page reads them (remote[[]task]), apart from the
// Backup Manager's list, which it must not overwrite with an older answer.
func stateWaits(login string) string { return "waits/" + login }
