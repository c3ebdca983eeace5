package app

import (
	"encoding/json"
	"strconv"
	"strings"

	"coffre/engine/spec"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// safetyFailed is how a restore's error begins when its safety backup failed (server/jobs.ErrSafety).
const safetyFailed = "the safety backup failed"

// restoreResultUI is an ended restore: what was restored where, the safety backup with Undo,
// or, when the safety backup failed, the choice to go on without one.
func restoreResultUI(f *frame, t task) app.UI {
	r, _ := t.restoreSpec()
	res, hasRes := t.restoreResult()
	class, state := "result bad", "failed"
	switch t.Status {
	case taskDone:
		class, state = "result ok", "done"
	case taskWarnings:
		class, state = "result warn", "warnings"
	case taskCancelled:
		class, state = "result", "cancelled"
	case taskInterrupted:
		state = "interrupted"
	}
	switch {
	case state == "failed" && (strings.Contains(t.Error, safetyFailed) || t.Failure != nil && t.Failure.Code == "safety_failed"):
		state = "safety"
	case state == "done" && r.Undo:
		state = "undone"
	}
	var what, problem app.UI
	if hasRes && t.Status.succeeded() {
		what = restoredFacts(f, r, res)
	}
	if state != "safety" {
		problem = taskProblem(f, t)
	} else {
		problem = f.detailUI(t.Error)
	}
	return app.Section().Class("card "+class).ID("task-result").Role("status").Aria("labelledby", "result-title").Body(
		app.H2().ID("result-title").Body(statusBadge(f, t.Status), app.Span().Text(" "+f.t("restore.result."+state+".title"))),
		what, problem, mailLine(f, t),
		app.P().Class("next").Text(f.t("restore.result."+state+".next")),
		restoreNext(f, t, r, res, state),
	)
}

// restoredFacts say what a restore wrote, and where.
func restoredFacts(f *frame, r spec.Restore, res restoreResult) app.UI {
	facts := []app.UI{
		fact(f.t("restore.result.backup"), app.Code().ID("result-backup").Text(res.Backup)),
		fact(f.t("restore.result.target"), app.Span().ID("result-target").Text(targetOf(f, r, res))),
		fact(f.t("restore.result.files"), app.Span().ID("result-files").Text(formatCount(f.lang, res.Files))),
		fact(f.t("col.size"), app.Text(formatBytes(f.lang, res.Bytes))),
		fact(f.t("restore.result.removed"), app.Span().ID("result-removed").Text(formatCount(f.lang, res.Removed))),
	}
	if res.Kept > 0 {
		facts = append(facts, fact(f.t("restore.result.kept"), app.Span().ID("result-kept").Text(formatCount(f.lang, res.Kept))))
	}
	if len(r.Mailboxes) > 0 || res.MailKept > 0 {
		facts = append(facts, fact(f.t("restore.result.mail"), app.Text(f.t("restore.result.mailKept", formatCount(f.lang, res.MailKept)))))
	}
	if len(res.Databases) > 0 {
		facts = append(facts, fact(f.t("restore.result.databases"), app.Span().ID("result-databases").Text(strings.Join(res.Databases, ", "))))
	}
	if res.Safety != "" {
		facts = append(facts, fact(f.t("restore.result.safety"), app.Code().ID("result-safety").Text(res.Safety)))
	}
	return app.Dl().Class("facts result-facts").Body(facts...)
}

// targetOf says where a restore wrote.
func targetOf(f *frame, r spec.Restore, res restoreResult) string {
	subs := "—"
	if len(r.Subscriptions) > 0 {
		subs = strings.Join(r.Subscriptions, ", ")
	}
	switch {
	case r.To != "":
		return r.To
	case r.Into != "":
		return f.t("restore.confirm.into", r.Into, subs)
	case len(res.Targets) > 0 && len(r.Subscriptions) == 0:
		return f.t("restore.result.inPlace", strconv.Itoa(len(res.Targets)))
	}
	return f.t("restore.confirm.inPlace", subs)
}

// restoreNext: Undo from the safety backup, or restore without one when it failed; the
// Backup Manager.
func restoreNext(f *frame, t task, r spec.Restore, res restoreResult, state string) app.UI {
	manager := app.A().Class("btn").ID("to-backup-manager").Href(customerPath(t.Client, "/backups")).
		Body(icon("archive"), app.Span().Text(f.t("nav.backups")))
	var act app.UI
	switch {
	case state == "safety":
		again := r
		again.NoSafetyBackup = true
		act = app.Button().Type("button").Class("btn btn-danger").ID("restore-without-safety").
			Text(f.t("restore.result.withoutSafety")).OnClick(startRestore(again))
	case res.Safety != "" && !r.Undo:
		act = app.Button().Type("button").Class("btn btn-primary").ID("restore-undo").
			Body(icon("archive"), app.Span().Text(f.t("restore.result.undo"))).OnClick(startRestore(undoOf(r, res.Safety)))
	}
	return app.Div().Class("form-buttons").Body(act, manager)
}

// undoOf is the restore that undoes r from its safety backup (server/jobs.Undo).
func undoOf(r spec.Restore, safety string) spec.Restore {
	return spec.Restore{Client: r.Client, Backup: safety, Storage: r.Storage, Subscriptions: r.Subscriptions,
		Paths: r.Paths, Existing: spec.ExistingOverwrite, NoSafetyBackup: true, Undo: true}
}

func startRestore(r spec.Restore) app.EventHandler {
	return func(ctx app.Context, e app.Event) { ctx.NewActionWithValue(actionStartRestore, r) }
}

// verifyResultUI is an ended verification: what was read, and each problem found.
func verifyResultUI(f *frame, t task) app.UI {
	var rep struct {
		Backup   string `json:"backup"`
		Volumes  int    `json:"volumes"`
		Entries  int64  `json:"entries"`
		Bytes    int64  `json:"bytes"`
		Problems []struct {
			Object, Path, Error string
		} `json:"problems"`
	}
	hasRep := len(t.Result) > 0 && json.Unmarshal(t.Result, &rep) == nil
	class, state := verifyState(t, hasRep && len(rep.Problems) > 0 && foundProblems(t))
	var facts, problems app.UI
	if hasRep && state != "error" {
		facts = app.Dl().Class("facts result-facts").Body(
			fact(f.t("restore.result.backup"), app.Code().Text(rep.Backup)),
			fact(f.t("col.volumes"), app.Text(strconv.Itoa(rep.Volumes))),
			fact(f.t("verify.result.entries"), app.Text(formatCount(f.lang, rep.Entries))),
			fact(f.t("col.size"), app.Text(formatBytes(f.lang, rep.Bytes))),
		)
		items := make([]app.UI, 0, len(rep.Problems))
		for _, pr := range rep.Problems {
			items = append(items, app.Li().Body(app.Code().Text(strings.TrimSpace(pr.Object+" "+pr.Path)), app.Text(" — "+pr.Error)))
		}
		if len(items) > 0 {
			problems = app.Ul().Class("paths").ID("verify-problems").Body(items...)
		}
	}
	var problem app.UI
	if state == "error" {
		problem = taskProblem(f, t)
	}
	return app.Section().Class("card "+class).ID("task-result").Role("status").Aria("labelledby", "result-title").Body(
		app.H2().ID("result-title").Body(statusBadge(f, t.Status), app.Span().Text(" "+f.t("verify.result."+state+".title"))),
		facts, problems, problem, mailLine(f, t),
		app.P().Class("next").Text(f.t("verify.result."+state+".next")),
		app.Div().Class("form-buttons").Body(app.A().Class("btn").ID("to-backup-manager").Href(customerPath(t.Client, "/backups")).
			Body(icon("archive"), app.Span().Text(f.t("nav.backups")))),
	)
}

// foundProblems reports whether a failed verification failed on the problems it found, not
// on something that kept it from reading the backup (which its report then lists too).
func foundProblems(t task) bool { return t.Failure == nil || t.Failure.Code == "verify_failed" }

// verifyState is what an ended verification came to: sound, problems found, could not verify
// (error), cancelled or interrupted.
func verifyState(t task, found bool) (class, state string) {
	switch {
	case t.Status.succeeded():
		return "result ok", "sound"
	case t.Status == taskCancelled:
		return "result", "cancelled"
	case t.Status == taskInterrupted:
		return "result bad", "interrupted"
	case found:
		return "result bad", "problems"
	}
	return "result bad", "error"
}

// restoreFacts are a restore task's request: the backup, what, where, how.
func restoreFacts(f *frame, t task) []app.UI {
	r, ok := t.restoreSpec()
	if !ok {
		return nil
	}
	what := f.t("restore.everything")
	if parts := requestedItems(r); parts != "" {
		what = parts
	}
	safety := f.t("restore.request.safety")
	if r.NoSafetyBackup {
		safety = f.t("restore.request.noSafety")
	}
	if r.Undo {
		safety = f.t("restore.request.undo")
	}
	return []app.UI{
		fact(f.t("restore.result.backup"), app.Code().ID("request-backup").Text(r.Backup)),
		fact(f.t("col.storage"), app.Text(storageName(f, r.Storage))),
		fact(f.t("restore.what"), app.Span().ID("request-what").Text(what)),
		fact(f.t("restore.existing"), app.Text(f.t("restore.existing."+r.ExistingMode()))),
		fact(f.t("restore.safety"), app.Span().ID("request-safety").Text(safety)),
	}
}

// requestedItems lists what a restore request names, "" for everything.
func requestedItems(r spec.Restore) string {
	var parts []string
	parts = append(parts, r.Subscriptions...)
	parts = append(parts, r.Paths...)
	parts = append(parts, r.Mailboxes...)
	for _, d := range r.Databases {
		parts = append(parts, d.Name)
	}
	return strings.Join(parts, ", ")
}
