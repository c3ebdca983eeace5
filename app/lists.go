package app

import (
	"strconv"
	"strings"

	"coffre/engine/spec"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// backupTable lists backups, newest first as the API sends them: date, type with the chain it
// belongs to, content, storage, size, volumes, comment and status.
func backupTable(f *frame, entries []backupEntry) app.UI {
	cols := []column{
		{label: f.t("col.date"), class: "primary"}, {label: f.t("col.type")}, {label: f.t("col.holds")},
		{label: f.t("col.storage")}, {label: f.t("col.size"), class: "num"}, {label: f.t("col.volumes"), class: "num"},
		{label: f.t("col.comment")}, {label: f.t("col.status")}, {label: f.t("col.signature")}, {label: f.t("col.manage")},
	}
	byName := map[string]backupEntry{}
	for _, e := range entries {
		byName[e.Name] = e
	}
	rows := make([][]app.UI, len(entries))
	for i, e := range entries {
		rows[i] = []app.UI{
			app.Span().Class("backup-date").Body(timeUI(f.lang, e.Created), app.Code().Class("backup-name").Text(e.Name)),
			typeCell(f, e, byName),
			protectedHolds(f, e),
			app.Text(storageName(f, e.storage())),
			app.Text(formatBytes(f.lang, e.Size)),
			app.Text(strconv.Itoa(len(e.Volumes))),
			commentCell(f, e),
			backupStatus(f, e),
			signatureCell(f, e.Signature),
			manageCell(f, e),
		}
	}
	return app.Div().ID("backup-list").Body(table(f.t("backups.list"), cols, rows))
}

// typeCell is Full or Incremental; an incremental names the backup it follows.
func typeCell(f *frame, e backupEntry, byName map[string]backupEntry) app.UI {
	if e.Type != "incremental" {
		return app.Text(f.t("form.full"))
	}
	after := e.Parent
	if p, ok := byName[e.Parent]; ok {
		after = formatTime(f.lang, p.Created)
	}
	return app.Span().Body(
		app.Text(f.t("form.incremental")),
		app.Span().Class("chain muted").Title(e.Parent).Text(" "+f.t("chain.after", after)),
	)
}

// contentText says what a backup request asks for: its scope, then configuration only or the
// content.
func contentText(f *frame, b spec.Backup) string {
	scope := f.t("scope.account")
	if b.Scope == spec.ScopeWebsites {
		scope = f.t("scope.websites")
	}
	parts := []string{f.t("content.config")}
	if !b.ConfigOnly && b.Mail {
		parts = append(parts, f.t("content.mail"))
	}
	if !b.ConfigOnly && b.Files {
		parts = append(parts, f.t("content.files"))
	}
	return scope + ": " + strings.Join(parts, ", ")
}

// storageName names a storage.
func storageName(f *frame, storage string) string {
	if storage == spec.StorageFTP {
		return f.t("right.ftpStorage")
	}
	return f.t("right.serverStorage")
}

// backupStatus is OK, or the broken chain with the names of its missing backups.
func backupStatus(f *frame, e backupEntry) app.UI {
	if e.Status == "ok" || e.Status == "" {
		return app.Span().Class("badge ok").Text(f.t("backup.ok"))
	}
	return app.Span().Class("badge bad").Body(
		icon("alert"), app.Span().Text(f.t("backup.broken", strings.Join(e.Missing, ", "))),
	)
}

// taskTable lists tasks, newest first; withClient adds the client (the administrator's list).
func taskTable(f *frame, tasks []task, withClient bool) app.UI {
	cols := []column{{label: f.t("col.task"), class: "primary"}}
	if withClient {
		cols = append(cols, column{label: f.t("col.client")})
	}
	cols = append(cols, column{label: f.t("col.date")}, column{label: f.t("col.status")}, column{label: f.t("col.progress"), class: "progress-cell"})
	rows := make([][]app.UI, len(tasks))
	for i, t := range tasks {
		row := []app.UI{app.A().Class("task-link").Href(taskPagePath(t.Client, t.ID)).Text(kindName(f, t) + " · " + f.t("task.number", t.ID))}
		if withClient {
			row = append(row, app.Code().Text(t.Client))
		}
		rows[i] = append(row, timeUI(f.lang, t.Created), statusBadge(f, t.Status), taskSummary(f, t))
	}
	return app.Div().Class("task-list").Body(table(f.t("tasks.title"), cols, rows))
}

// taskSummary is a live task's progress bar, or what an ended task came to.
func taskSummary(f *frame, t task) app.UI {
	if !t.Status.ended() {
		return progressBar(f, t, true)
	}
	return endedSummary(f, t)
}

// statusBadge names a task's status.
func statusBadge(f *frame, s taskStatus) app.UI {
	class := "badge"
	switch s {
	case taskDone:
		class += " ok"
	case taskWarnings:
		class += " warn"
	case taskFailed, taskInterrupted:
		class += " bad"
	case taskRunning, taskQueued:
		class += " live"
	}
	return app.Span().Class(class).DataSet("status", string(s)).Text(f.t("status." + string(s)))
}

// sigKeys are the messages of the signers of a manifest.
var sigKeys = map[string]string{"host": "sig.host", "trusted": "sig.trusted", "other": "sig.other",
	"unsigned": "sig.unsigned", "mismatch": "sig.mismatch"}

// signatureCell says who signed a backup, with the key's fingerprint when it is not this host's.
func signatureCell(f *frame, s signature) app.UI {
	key, ok := sigKeys[s.Signer]
	if !ok {
		return orDash("")
	}
	class := "badge sig-" + s.Signer
	switch s.Signer {
	case "host", "trusted":
		class += " ok"
	case "unsigned", "mismatch":
		class += " bad"
	}
	var fp app.UI
	if s.Signer != "host" && s.Fingerprint != "" && s.Fingerprint != "unknown" {
		fp = app.Code().Class("fingerprint muted").Text(f.t("sig.key", s.Fingerprint))
	}
	return app.Span().Class("signature").DataSet("signer", s.Signer).Body(app.Span().Class(class).Text(f.t(key)), fp)
}
