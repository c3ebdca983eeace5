package notify

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"coffre/engine/backup"
	"coffre/engine/restore"
	"coffre/engine/spec"
	"coffre/engine/verify"
	"coffre/server/failure"
	"coffre/server/tasks"
)

func task(kind tasks.Kind, status tasks.Status, req, result any) tasks.Task {
	started := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	ended := started.Add(90 * time.Minute)
	t := tasks.Task{ID: "3", Kind: kind, Client: "acme", Status: status, Started: &started, Ended: &ended}
	t.Spec, _ = json.Marshal(req)
	if result != nil {
		t.Result, _ = json.Marshal(result)
	}
	return t
}

func TestTaskMailSaysHowEachTaskEnded(t *testing.T) {
	websites := spec.Backup{Client: "acme", Scope: spec.ScopeWebsites, ConfigOnly: true, Storage: spec.StorageFTP,
		Subscriptions: []string{"acme.example", "shop.acme.example"}, Incremental: true}
	failed := task(tasks.KindBackup, tasks.Failed, websites, nil)
	failed.Error = "stor volume 3: 552 quota exceeded"
	failed.Failure = &failure.Info{Code: failure.NoSpace}
	interrupted := task(tasks.KindBackup, tasks.Interrupted, websites, nil)
	interrupted.Error = "the process running the task (pid 7) stopped"
	weird := task(tasks.KindBackup, tasks.Done, websites, backup.Result{Entry: backup.Entry{Name: "n", Type: "full"}})
	weird.WarningCount = 1
	weird.Warnings = []backup.Warning{{Path: "files/acme.example/evil\nBcc: x\xff", Code: "special_file"}}
	restored := task(tasks.KindRestore, tasks.Done, spec.Restore{Client: "acme", Backup: "acme_b", Storage: spec.StorageServer,
		Paths: []string{"httpdocs/wp-content"}, To: "/srv/restored"}, restore.Result{Files: 42, Bytes: 2048, Removed: 1})
	checked := task(tasks.KindVerify, tasks.Failed, tasks.Verify{Client: "acme", Backup: "acme_b", Storage: spec.StorageServer},
		verify.Report{Backup: "acme_b", Volumes: 2, Entries: 10, Problems: []verify.Problem{{Object: "acme_b.tar.zst.002", Error: "SHA-256 mismatch"}}})
	checked.Error = "verify acme_b: backup verification failed"
	cancelledRestore := task(tasks.KindRestore, tasks.Cancelled, spec.Restore{Client: "acme", Backup: "acme_b", Storage: spec.StorageServer}, nil)

	tests := []struct {
		name    string
		task    tasks.Task
		lang    string
		subject string
		want    []string
		not     []string
	}{
		{"failed backup", failed, "en", "Coffre: backup of client acme failed", []string{
			"The backup of client acme failed. No backup was stored.\n", "Scope: websites\n",
			"Subscriptions: acme.example, shop.acme.example\n", "Content: configuration only (asked)\n",
			"Storage: personal FTP storage\n", "Type: incremental (asked)\n", "Duration: 1 h 30 min\n",
			"Error: stor volume 3: 552 quota exceeded\n"}, []string{"Size:", "Volumes:"}},
		{"échec", failed, "fr", "Coffre : échec de la sauvegarde du client acme", []string{
			"La sauvegarde du client acme a échoué. Aucune sauvegarde n'a été enregistrée.\n",
			"Stockage : stockage FTP personnel\n", "Pourquoi : Le disque ou le quota est plein : libérez de la place, puis réessayez.\n",
			"Erreur : stor volume 3: 552 quota exceeded\n"}, nil},
		{"interrupted", interrupted, "fr", "Coffre : sauvegarde du client acme interrompue", []string{
			"a été interrompue : le processus qui l'exécutait s'est arrêté. Relancez-la. Aucune sauvegarde"}, []string{"Erreur", "pid"}},
		{"file name with a line break", weird, "en", "Coffre: backup of client acme completed", []string{
			`  - "files/acme.example/evil\nBcc: x\xff": special file, skipped` + "\n", "Type: full\n"}, []string{"\nBcc:"}},
		{"restore", restored, "en", "Coffre: restore of client acme completed", []string{
			"Backup: acme_b\n", "Paths: httpdocs/wp-content\n", "Restored into: /srv/restored\n", "Files: 42\n",
			"Size: 2.0 KB\n", "Removed: 1\n"}, nil},
		{"cancelled restore", cancelledRestore, "fr", "Coffre : restauration du client acme annulée", []string{
			"La restauration du client acme a été annulée. Une partie du contenu a pu être restaurée.\n",
			"Restauré dans : leur emplacement dans les espaces Web\n"}, nil},
		{"verification with a problem", checked, "en", "Coffre: verification of client acme failed", []string{
			"Volumes: 2\n", "Entries read: 10\n", "Problems: 1\n", "  - acme_b.tar.zst.002: SHA-256 mismatch\n"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			subject, body := TaskMail(tc.task, tc.lang)
			if subject != tc.subject {
				t.Errorf("subject %q, want %q", subject, tc.subject)
			}
			for _, s := range tc.want {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %q:\n%s", s, body)
				}
			}
			for _, s := range tc.not {
				if strings.Contains(body, s) {
					t.Errorf("body has %q:\n%s", s, body)
				}
			}
			if err := checkHeaders("owner@acme.example", subject); err != nil {
				t.Errorf("Send would refuse the subject: %v", err)
			}
		})
	}
}
