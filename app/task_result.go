package app

import (
	"net/url"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"

	"coffre/engine/progress"
)

// maxWarningsShown bounds the warnings a task's page lists; the count says how many there are.
const maxWarningsShown = 50

// resultUI is an ended task's outcome and what to do next.
func resultUI(f *frame, t task) app.UI {
	switch t.Kind {
	case "restore":
		return restoreResultUI(f, t)
	case "verify":
		return verifyResultUI(f, t)
	}
	class, titleKey, nextKey := "result bad", "result.failed.title", "result.failed.next"
	switch t.Status {
	case taskDone:
		class, titleKey, nextKey = "result ok", "result.done.title", "result.done.next"
	case taskWarnings:
		class, titleKey, nextKey = "result warn", "result.warnings.title", "result.warnings.next"
	case taskCancelled:
		class, titleKey, nextKey = "result", "result.cancelled.title", "result.cancelled.next"
	case taskInterrupted:
		titleKey, nextKey = "result.interrupted.title", "result.interrupted.next"
	}
	if t.Kind != "backup" {
		titleKey = "status." + string(t.Status)
	}
	var what, problem app.UI
	if r, ok := t.backupResult(); ok && t.Status.succeeded() {
		what = doneFacts(f, t, r)
	}
	problem = taskProblem(f, t)
	return app.Section().Class("card "+class).ID("task-result").Role("status").Aria("labelledby", "result-title").Body(
		app.H2().ID("result-title").Body(statusBadge(f, t.Status), app.Span().Text(" "+f.t(titleKey))),
		what, problem, mailLine(f, t),
		app.P().Class("next").Text(f.t(nextKey)),
		nextLinks(f, t),
	)
}

// doneFacts are a finished backup's name, storage, size, volumes, files and duration.
func doneFacts(f *frame, t task, r backupResult) app.UI {
	e := r.Entry
	vols := make([]app.UI, len(e.Volumes))
	for i, v := range e.Volumes {
		vols[i] = app.Li().Body(app.Code().Text(v.Name), app.Span().Class("muted").Text(" "+formatBytes(f.lang, v.Size)))
	}
	duration := "—"
	if t.Started != nil && t.Ended != nil {
		duration = formatDuration(t.Ended.Sub(*t.Started))
	}
	return app.Dl().Class("facts result-facts").Body(
		fact(f.t("col.name"), app.Code().ID("result-name").Text(e.Name)),
		fact(f.t("col.storage"), app.Text(storageName(f, e.storage()))),
		fact(f.t("col.type"), app.Text(typeName(f, e.Type))),
		fact(f.t("col.size"), app.Span().ID("result-size").Text(formatBytes(f.lang, e.Size))),
		fact(f.t("col.files"), app.Text(formatCount(f.lang, e.Files))),
		app.Div().Class("fact-wide").ID("result-holds").Body(app.Dt().Text(f.t("col.holds")), app.Dd().Body(holdsUI(f, e))),
		fact(f.t("col.duration"), app.Span().ID("result-duration").Text(duration)),
		app.Div().Class("fact-wide").Body(app.Dt().Text(f.t("col.volumes")+" ("+strconv.Itoa(len(e.Volumes))+")"),
			app.Dd().Body(app.Ul().Class("paths").ID("result-volumes").Body(vols...))),
	)
}

// typeName is Full or Incremental.
func typeName(f *frame, typ string) string {
	if typ == "incremental" {
		return f.t("form.incremental")
	}
	return f.t("form.full")
}

// mailLine says what became of the notification mail.
func mailLine(f *frame, t task) app.UI {
	if t.Notify == "" {
		return nil
	}
	switch t.Mail.Status {
	case mailSent:
		return app.P().Class("mail-status").Body(icon("mail"), app.Span().Text(f.t("mail.sent", t.Notify)))
	case mailFailed:
		return app.Div().Class("mail-status bad").Body(icon("alert"), f.failureUI("mail-error", "",
			f.t("mail.failed", t.Notify, f.mailFailText(t.Mail.Failure)), t.Mail.Error))
	case mailPending:
		return app.P().Class("mail-status muted").Body(icon("mail"), app.Span().Text(f.t("mail.pending", t.Notify)))
	}
	return nil
}

// nextLinks lead on: the Backup Manager, and Back Up again when the backup did not happen.
func nextLinks(f *frame, t task) app.UI {
	manager := app.A().Class("btn btn-primary").ID("to-backup-manager").Href(customerPath(t.Client, "/backups")).
		Body(icon("archive"), app.Span().Text(f.t("nav.backups")))
	var again app.UI
	if b, ok := t.backupSpec(); ok && !t.Status.succeeded() {
		again = app.A().Class("btn").ID("backup-again").Href(backupFormPath(t.Client, b.Scope) + "&from=" + url.QueryEscape(t.ID)).Text(f.t("result.again"))
	}
	return app.Div().Class("form-buttons").Body(manager, again)
}

// taskFacts are what the task does: its request, for whom and since when.
func taskFacts(f *frame, t task) app.UI {
	facts := []app.UI{fact(f.t("col.created"), timeUI(f.lang, t.Created))}
	facts = append(facts, restoreFacts(f, t)...)
	facts = append(facts, verifyFacts(f, t)...)
	if b, ok := t.backupSpec(); ok {
		facts = append(facts,
			fact(f.t("col.contentAsked"), app.Text(contentText(f, b))),
			fact(f.t("col.storage"), app.Text(storageName(f, b.Storage))),
			fact(f.t("col.type"), app.Text(requestType(f, b.Incremental))),
			fact(f.t("col.comment"), orDash(b.Comment)),
		)
	}
	return app.Section().Class("card").Aria("labelledby", "request-title").Body(
		app.H2().ID("request-title").Text(f.t("task.request")),
		app.Dl().Class("facts").Body(facts...),
	)
}

// warningList lists the files a backup could not keep as they were.
func warningList(f *frame, t task) app.UI {
	if t.WarningCount == 0 {
		return nil
	}
	items := make([]app.UI, 0, maxWarningsShown)
	for i, w := range t.Warnings {
		if i == maxWarningsShown {
			break
		}
		items = append(items, app.Li().Body(app.Code().Text(w.Path), app.Span().Text(" — "+warningText(f, w))))
	}
	return app.Section().Class("card warnings").ID("task-warnings").Aria("labelledby", "warnings-title").Body(
		app.H2().ID("warnings-title").Text(f.t("result.warnings", strconv.Itoa(t.WarningCount))),
		app.Ul().Class("paths").Body(items...),
	)
}

// warningText says a warning in the panel's language, or the engine's words for a new code.
func warningText(f *frame, w progress.Warning) string {
	if _, ok := messages["warn."+w.Code]; ok {
		return f.t("warn." + w.Code)
	}
	return w.Err
}

// requestType is the type a request asks for.
func requestType(f *frame, incremental bool) string {
	if incremental {
		return f.t("form.incremental")
	}
	return f.t("form.full")
}
