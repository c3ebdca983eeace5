package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coffre/engine/manifest"
	"coffre/server/jobs"
)

// coffre delete of the middle of a chain names the later incremental and deletes nothing; with
// --with-dependents and "yes" it deletes both, manifest and objects; without "yes", nothing.
func TestDeleteCommand(t *testing.T) {
	dir := demoData(t)
	_, full := backupTask(t, dir, "atelier")
	_, mid := backupTask(t, dir, "atelier", "--incremental")
	_, last := backupTask(t, dir, "atelier", "--incremental")
	m, l := mid.Entry.Name, last.Entry.Name
	if r := run(t, dir, "yes\n", "delete", "atelier", m); r.code != 1 || !strings.Contains(r.stderr, l) || !strings.Contains(r.stderr, "--with-dependents") {
		t.Fatalf("delete with a dependent: %d %s", r.code, r.stderr)
	}
	if r := run(t, dir, "no\n", "delete", "atelier", m, "--with-dependents"); r.code != 1 || !strings.Contains(r.stderr, "nothing deleted") {
		t.Fatalf("delete not confirmed: %d %s", r.code, r.stderr)
	}
	if r := mustRun(t, dir, "backups", "atelier"); !strings.Contains(r.stdout, m) || !strings.Contains(r.stdout, l) {
		t.Fatalf("refused deletions deleted:\n%s", r.stdout)
	}
	r := run(t, dir, "yes\n", "delete", "atelier", m, "--with-dependents")
	if r.code != 0 || r.stdout != "deleted "+l+"\ndeleted "+m+"\n" || !strings.Contains(r.stderr, l+", "+m) {
		t.Fatalf("confirmed deletion: %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, jobs.StorageDir, "atelier"))
	for _, e := range entries {
		if b, ok := manifest.BackupOf(e.Name()); ok && b != full.Entry.Name {
			t.Errorf("%s left", e.Name())
		}
	}
	if r := run(t, dir, "", "delete", "atelier", m, "--yes"); r.code != 1 || !strings.Contains(r.stderr, "in the server storage; `coffre backups atelier` lists them") {
		t.Errorf("deleting it again: %d %s", r.code, r.stderr)
	}
	mustRun(t, dir, "verify", "atelier", full.Entry.Name)
}
