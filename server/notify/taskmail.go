package notify

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"coffre/engine/backup"
	"coffre/engine/restore"
	"coffre/engine/spec"
	"coffre/engine/verify"
	"coffre/server/tasks"
)

// TaskMail writes the mail that tells how the ended task t went, in lang ("fr" for French,
// anything else English): what was done, where, its size and duration, its warnings, or its
// error. It reads t.Result as backup.Result, restore.Result or verify.Report, by t.Kind.
func TaskMail(t tasks.Task, lang string) (subject, body string) {
	w := newText(lang)
	status := string(t.Status)
	if !t.Status.Ended() {
		status = string(tasks.Failed)
	}
	kind, client := w.t("kind."+string(t.Kind)), printable(t.Client, 64)
	subject = w.f("subject."+status, kind, client)
	w.para(strings.TrimSpace(w.f("intro."+status, kind, client) + " " + w.consequence(t)))
	switch t.Kind {
	case tasks.KindBackup:
		w.backup(t)
	case tasks.KindRestore:
		w.restore(t)
	case tasks.KindVerify:
		w.verify(t)
	}
	w.times(t)
	w.warnings(t)
	if t.Error != "" && t.Status != tasks.Interrupted { // the intro says it in the reader's language
		w.why(t.Failure)
		w.line("error", printable(t.Error, 2000))
	}
	w.b.WriteString("\n-- \n" + w.t("footer") + "\n")
	return subject, w.b.String()
}

func (w *text) backup(t tasks.Task) {
	b, _ := t.Backup()
	var res backup.Result
	json.Unmarshal(t.Result, &res)
	e := res.Entry
	if e.Name != "" {
		w.line("backup", printable(e.Name, 300))
	}
	w.line("scope", w.t("scope."+string(b.Scope)))
	if e.Captured != nil {
		w.line("subscriptions", w.list(e.Subscriptions))
		w.captured(e.Captured)
	} else {
		w.line("subscriptions", w.list(b.Subscriptions))
		w.line("content", w.f("asked", w.content(b)))
	}
	w.line("storage", w.t("storage."+b.Storage))
	switch {
	case e.Type == "incremental":
		w.line("type", w.f("type.incr", printable(e.Parent, 300)))
	case e.Type != "":
		w.line("type", w.t("type.full"))
	case b.Incremental:
		w.line("type", w.t("type.asked"))
	default:
		w.line("type", w.t("type.full"))
	}
	if e.Name != "" {
		w.line("size", w.size(e.Size))
		w.line("volumes", strconv.Itoa(len(e.Volumes)))
		w.line("files", w.count(e.Files))
	}
	if b.Comment != "" {
		w.line("comment", printable(b.Comment, 600))
	}
}

// consequence says what an unfinished task left: no backup, or a partial restore.
func (w *text) consequence(t tasks.Task) string {
	switch {
	case t.Status.Succeeded():
		return ""
	case t.Kind == tasks.KindBackup:
		return w.t("nobackup")
	case t.Kind == tasks.KindRestore && t.Started != nil:
		return w.t("partial")
	}
	return ""
}

// content says what a backup request asks for: the choices of step 6 (docs/panel-flow.md).
func (w *text) content(b spec.Backup) string {
	if b.ConfigOnly || !b.Mail && !b.Files {
		return w.t("configonly")
	}
	parts := []string{w.t("config")}
	if b.Mail {
		parts = append(parts, w.t("mail"))
	}
	if b.Files {
		parts = append(parts, w.t("userfiles"))
	}
	return strings.Join(parts, ", ")
}

func (w *text) list(names []string) string {
	if len(names) == 0 {
		return w.t("all")
	}
	shown := make([]string, len(names))
	for i, n := range names {
		shown[i] = printable(n, 300)
	}
	return strings.Join(shown, ", ")
}

func (w *text) restore(t tasks.Task) {
	r, _ := t.Restore()
	var res restore.Result
	json.Unmarshal(t.Result, &res)
	w.line("backup", printable(r.Backup, 300))
	w.line("storage", w.t("storage."+r.Storage))
	w.line("subscriptions", w.list(r.Subscriptions))
	if len(r.Paths) > 0 {
		w.line("paths", w.list(r.Paths))
	}
	target := w.t("inplace")
	switch {
	case r.To != "":
		target = printable(r.To, 1000)
	case r.Into != "":
		target = fmt.Sprintf(w.t("intofolder"), printable(r.Into, 1000))
	}
	w.line("target", target)
	w.line("existing", w.t("existing."+r.ExistingMode()))
	if t.Status.Succeeded() {
		w.line("files", w.count(res.Files))
		w.line("size", w.size(res.Bytes))
		w.line("removed", w.count(res.Removed))
		if res.MailKept > 0 {
			w.line("mailkept", w.count(res.MailKept))
		}
		if len(res.Databases) > 0 {
			w.line("restoreddbs", w.list(res.Databases))
		}
		if res.Kept > 0 {
			w.line("kept", w.count(res.Kept))
		}
	}
	if res.Safety != "" {
		w.line("safety", printable(res.Safety, 300))
	}
}

func (w *text) verify(t tasks.Task) {
	v, _ := t.Verify()
	var rep verify.Report
	json.Unmarshal(t.Result, &rep)
	w.line("backup", printable(v.Backup, 300))
	w.line("storage", w.t("storage."+v.Storage))
	if rep.Backup == "" {
		return
	}
	w.line("volumes", strconv.Itoa(rep.Volumes))
	w.line("entries", w.count(rep.Entries))
	n := len(rep.Problems) + rep.More
	if n == 0 {
		w.line("problems", w.t("none"))
		return
	}
	w.line("problems", strconv.Itoa(n))
	for i, p := range rep.Problems {
		if i == maxShown {
			w.b.WriteString("  " + w.f("more", n-maxShown) + "\n")
			break
		}
		w.b.WriteString("  - " + printable(strings.TrimSpace(p.Object+" "+p.Path), 500) + ": " + printable(p.Error, 500) + "\n")
	}
}

func (w *text) times(t tasks.Task) {
	if t.Started == nil {
		return
	}
	w.line("started", t.Started.UTC().Format("2006-01-02 15:04 UTC"))
	if t.Ended != nil {
		w.line("duration", duration(t.Ended.Sub(*t.Started)))
	}
}

func (w *text) warnings(t tasks.Task) {
	if t.WarningCount == 0 {
		return
	}
	w.line("warnings", strconv.Itoa(t.WarningCount))
	for i, wa := range t.Warnings {
		if i == maxShown {
			break
		}
		w.b.WriteString("  - " + printable(wa.Path, 500) + ": " + printable(w.t("warn."+wa.Code), 100))
		if wa.Err != "" {
			w.b.WriteString(" (" + printable(wa.Err, 500) + ")")
		}
		w.b.WriteString("\n")
	}
	if more := t.WarningCount - min(len(t.Warnings), maxShown); more > 0 {
		w.b.WriteString("  " + w.f("more", more) + "\n")
	}
}
