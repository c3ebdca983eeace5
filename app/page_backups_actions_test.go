package app

import (
	"testing"
	"time"

	"coffre/engine/account"
)

// Each row says when the backup was last verified and, for a damaged one, which volume or entry
// is wrong; it downloads the whole archive or each file, verifies and deletes.
func TestBackupRowsSayWhatVerificationFound(t *testing.T) {
	at := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	p := &backupsPage{}
	p.lang, p.me, p.login = langEN, adminSession, "acme"
	p.acct = remote[account.Account]{Status: loaded, Data: fullAccount}
	p.backups = remote[[]backupEntry]{Status: loaded, Data: []backupEntry{
		{Name: "acme_b", Client: "acme", Created: at, Type: "full", Storage: "server", Status: "ok",
			Volumes: []volume{{Name: "acme_b.tar.zst.001", Size: 10}, {Name: "acme_b.tar.zst.002", Size: 5}},
			Verification: &verification{At: at, Problems: []verifyProblem{
				{Object: "acme_b.tar.zst.002", Error: "SHA-256 differs"},
				{Object: "acme_b.tar.zst.001", Path: "files/acme.example/index.php", Error: "size 3, the index says 4"}}, More: 2}},
		{Name: "acme_a", Client: "acme", Created: at, Type: "full", Storage: "ftp", Status: "ok", Volumes: []volume{{Name: "acme_a.tar.zst"}},
			Verification: &verification{At: at, OK: true}},
		{Name: "acme_0", Client: "acme", Created: at, Type: "full", Storage: "server", Status: "ok"},
	}}
	html := render(t, p)
	list := section(t, html, `id="backup-list"`, `</table>`)
	mustContain(t, "backups", list, "Verification", "Damaged", "acme_b.tar.zst.002", "SHA-256 differs",
		"acme_b.tar.zst.001 — files/acme.example/index.php", "size 3, the index says 4", "and 2 more problems",
		"Sound", "Never verified", "Files (4)")
	mustHaveElement(t, "download", list, "a", "href", "/api/clients/acme/backups/server/acme_b/download", "download", "acme_b.tar.zst")
	mustHaveElement(t, "volume", list, "a", "href", "/api/clients/acme/backups/server/acme_b/download/acme_b.tar.zst.002")
	mustHaveElement(t, "ftp", list, "a", "href", "/api/clients/acme/backups/ftp/acme_a/download/acme_a.manifest.json")
	mustHaveElement(t, "verify", list, "button", "id", "verify-acme_b")
	mustHaveElement(t, "delete", list, "button", "id", "delete-acme_b")
	mustHaveElement(t, "upload", html, "input", "id", "upload-files", "type", "file")
}

// The confirmation of a deletion names the backup and every later backup deleted with it.
func TestDeleteConfirmationNamesEveryBackup(t *testing.T) {
	for _, lang := range []string{langEN, langFR} {
		m := &manageBox{Login: "acme", Lang: lang, watched: "acme", state: manageState{Confirm: &deleteConfirm{
			Ref: backupRef{Login: "acme", Storage: "server", Name: "acme_mid"}, Dependents: []string{"acme_last"}}}}
		html := render(t, m)
		d := section(t, html, `id="delete-dialog"`, `id="upload"`)
		want := []string{"Delete 2 backup(s)?", "acme_mid", "acme_last", "Later incremental backups depend on acme_mid", "Cancel"}
		if lang == langFR {
			want = []string{"Supprimer 2 sauvegarde(s) ?", "acme_mid", "acme_last", "Annuler"}
		}
		mustContain(t, lang, d, want...)
		mustHaveElement(t, lang, d, "button", "id", "delete-confirm")
	}
}

// A client with a personal FTP storage may upload to either storage; without one, no choice.
func TestUploadFormOffersTheFTPStorage(t *testing.T) {
	with := render(t, &manageBox{Login: "acme", Lang: langEN, FTP: true})
	mustHaveElement(t, "with FTP", with, "select", "id", "upload-storage")
	mustContain(t, "with FTP", with, "Personal FTP storage", "Server storage")
	if without := render(t, &manageBox{Login: "acme", Lang: langEN}); hasElement(without, "select", "id", "upload-storage") {
		t.Error("a storage choice without an FTP storage")
	}
}
