package app

import (
	"encoding/json"
	"strings"
	"testing"

	"coffre/engine/spec"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

func verifyTask(status taskStatus, failure string, problems int) task {
	specJSON, _ := json.Marshal(map[string]string{"client": "acme", "backup": "acme_full", "storage": "server"})
	t := task{ID: "9", Kind: "verify", Client: "acme", Spec: specJSON, Status: status, Created: taskStart}
	rep := map[string]any{"backup": "acme_full", "volumes": 2, "entries": 10, "bytes": 2048}
	var list []map[string]string
	for range problems {
		list = append(list, map[string]string{"Object": "acme_full.tar.zst", "Path": "a", "Error": "hash differs"})
	}
	rep["problems"] = list
	t.Result, _ = json.Marshal(rep)
	if failure != "" {
		t.Error, t.Failure = "open manifest acme_full: no such backup", &failureInfo{Code: failure}
	}
	return t
}

// Each kind of task says what it did, in its own words: a verification is sound, found
// problems, or could not be made; a restore and an undo are not a backup.
func TestEachKindOfTaskSaysWhatItDid(t *testing.T) {
	tests := []struct {
		name  string
		t     task
		lang  string
		wants []string
		not   []string
	}{
		{"sound", verifyTask(taskDone, "", 0), langEN, []string{"Verification task 9", "The backup is sound", "Every volume and every file",
			`id="request-backup">acme_full<`, "Server storage"},
			[]string{"restore from it", "back up again", "Done Done"}},
		{"problems", verifyTask(taskFailed, "verify_failed", 2), langFR, []string{"La sauvegarde présente des problèmes", "hash differs",
			"Ne comptez pas sur cette sauvegarde"}, []string{"Relancez la sauvegarde"}},
		{"no such backup", verifyTask(taskFailed, "no_such_backup", 1), langFR, []string{"La sauvegarde n&#39;a pas pu être vérifiée",
			"Ce stockage ne contient aucune sauvegarde de ce nom", "Détail technique", "open manifest acme_full"},
			[]string{"présente des problèmes", "hash differs"}},
		{"cancelled", verifyTask(taskCancelled, "", 0), langEN, []string{"The verification was cancelled"}, []string{"The backup is sound"}},
	}
	for _, tt := range tests {
		html := render(t, taskPageWith(tt.lang, tt.t))
		mustContain(t, tt.name, html, tt.wants...)
		for _, n := range tt.not {
			if strings.Contains(html, n) {
				t.Errorf("%s: %q on the page", tt.name, n)
			}
		}
	}
	undoSpec, _ := json.Marshal(spec.Restore{Client: "acme", Backup: "acme_safety", Storage: "server", Undo: true})
	undo := task{ID: "11", Kind: "restore", Client: "acme", Spec: undoSpec, Status: taskDone, Created: taskStart,
		Result: json.RawMessage(`{"backup":"acme_safety","files":3,"bytes":100}`)}
	html := render(t, taskPageWith(langFR, undo))
	mustContain(t, "undo", html, "Tâche d&#39;annulation 11", "La restauration est annulée")
	f := &frame{lang: langEN, me: adminSession}
	summary := render(t, app.Div().Body(app.Text(kindName(f, undo)), endedSummary(f, undo),
		endedSummary(f, verifyTask(taskDone, "", 0)), endedSummary(f, verifyTask(taskFailed, "no_such_backup", 1))))
	mustContain(t, "list", summary, "Undo", "3 files restored, 100 bytes", "Sound", "This storage holds no backup of that name")
}

// An address the panel does not have gets its own page in its language, with the way home.
func TestNotFoundPage(t *testing.T) {
	p := &notFoundPage{}
	p.lang, p.me = langFR, adminSession
	html := render(t, p)
	mustContain(t, "not found", html, "Page introuvable", "Il n&#39;y a pas de page à cette adresse.")
	mustHaveElement(t, "not found", html, "div", "id", "not-found")
	mustHaveElement(t, "not found", html, "a", "href", "/clients")
}
