package app

import (
	"encoding/json"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// kindName names what a task does: Backup, Restore, Undo (a restore from a safety backup)
// or Verification.
func kindName(f *frame, t task) string {
	if r, ok := t.restoreSpec(); ok && r.Undo {
		return f.t("kind.undo")
	}
	return f.t("kind." + t.Kind)
}

// taskTitle is the heading of a task's page: its kind and its number.
func taskTitle(f *frame, t task) string {
	if r, ok := t.restoreSpec(); ok && r.Undo {
		return f.t("task.title.undo", t.ID)
	}
	return f.t("task.title."+t.Kind, t.ID)
}

// endedSummary is what an ended task came to, in a few words for the lists: the size of a
// backup, the files a restore wrote, a verification's verdict, or why it failed.
func endedSummary(f *frame, t task) app.UI {
	if t.Status.succeeded() {
		switch t.Kind {
		case "backup":
			if r, ok := t.backupResult(); ok {
				return app.Text(formatBytes(f.lang, r.Entry.Size))
			}
		case "restore":
			if r, ok := t.restoreResult(); ok {
				return app.Text(f.t("summary.restored", formatCount(f.lang, r.Files), formatBytes(f.lang, r.Bytes)))
			}
		case "verify":
			return app.Text(f.t("summary.sound"))
		}
	}
	if n := verifyProblems(t); n > 0 {
		return app.Text(f.t("summary.problems", strconv.Itoa(n)))
	}
	if t.Error != "" && t.Status == taskFailed {
		code, args := infoOf(t.Failure)
		text := f.failText(code, args)
		return app.Span().Class("muted clip").Title(text + "\n" + t.Error).Text(text)
	}
	return app.Span().Class("muted").Text(f.t("summary." + string(t.Status)))
}

// verifyProblems is how many problems a failed verification found.
func verifyProblems(t task) int {
	if t.Kind != "verify" || len(t.Result) == 0 || !foundProblems(t) {
		return 0
	}
	var rep struct {
		Problems []json.RawMessage `json:"problems"`
	}
	json.Unmarshal(t.Result, &rep)
	return len(rep.Problems)
}

// verifyFacts are a verification's request: the backup and its storage.
func verifyFacts(f *frame, t task) []app.UI {
	if t.Kind != "verify" {
		return nil
	}
	var v struct {
		Backup  string `json:"backup"`
		Storage string `json:"storage"`
	}
	if json.Unmarshal(t.Spec, &v) != nil {
		return nil
	}
	return []app.UI{
		fact(f.t("restore.result.backup"), app.Code().ID("request-backup").Text(v.Backup)),
		fact(f.t("col.storage"), app.Text(storageName(f, v.Storage))),
	}
}
