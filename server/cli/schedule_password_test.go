package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coffre/server/store"
)

// schedule set --password-file keeps the password sealed (not in clear in the data file,
// not printed); setting again without it keeps it; --forget-password forgets it; a bad file
// is refused before anything is saved.
func TestScheduleSetPasswordFile(t *testing.T) {
	dir := demoData(t)
	const pw = "cli scheduled pass phrase"
	file := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(file, []byte(pw+"\n"), 0o600)
	set := func(extra ...string) result {
		return run(t, dir, "", append([]string{"schedule", "set", "atelier", "--every", "daily", "--at", "02:30"}, extra...)...)
	}
	if r := set("--password-file", file); r.code != 0 || !strings.Contains(r.stdout, "protected") || strings.Contains(r.stdout+r.stderr, pw) {
		t.Fatalf("set with a password: %d %s %s", r.code, r.stdout, r.stderr)
	}
	db, _ := os.ReadFile(filepath.Join(dir, store.FileName))
	if len(db) == 0 || strings.Contains(string(db), pw) {
		t.Errorf("the data file holds the password in clear (%d bytes read)", len(db))
	}
	if r := set(); r.code != 0 || !strings.Contains(r.stdout, "protected") {
		t.Errorf("set again without --password-file: %d %s", r.code, r.stdout)
	}
	show := mustRun(t, dir, "schedule", "show", "--json")
	if !strings.Contains(show.stdout, `"passwordKept": true`) || strings.Contains(show.stdout, pw) {
		t.Errorf("schedule show --json: %s", show.stdout)
	}
	if r := set("--password-file", filepath.Join(dir, "missing")); r.code == 0 {
		t.Errorf("a missing password file: %d %s", r.code, r.stderr)
	}
	if r := set("--forget-password"); r.code != 0 || strings.Contains(r.stdout, "protected") {
		t.Errorf("--forget-password: %d %s", r.code, r.stdout)
	}
	if show := mustRun(t, dir, "schedule", "show", "--json"); !strings.Contains(show.stdout, `"passwordKept": false`) {
		t.Errorf("still kept after --forget-password: %s", show.stdout)
	}
}
