package cli

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"coffre/server/jobs"
)

// storageFiles lists the client's server storage.
func storageFiles(t *testing.T, dir, login string) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join(dir, jobs.StorageDir, login))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

// coffre schedule set / show / off, and coffre prune: --dry-run names what would go and
// deletes nothing; prune deletes it, leaving the kept-forever backup and the newest, which
// still verify.
func TestScheduleAndPruneCommands(t *testing.T) {
	dir := demoData(t)
	r := mustRun(t, dir, "schedule", "set", "atelier", "--every", "daily", "--at", "02:30", "--keep-last", "1",
		"--retention-scope", "storage", "--notify", "ops@example.com")
	if !strings.Contains(r.stdout, "daily at 02:30") || !strings.Contains(r.stdout, "next run") {
		t.Errorf("schedule set: %s", r.stdout)
	}
	if r := run(t, dir, "", "schedule", "set", "atelier", "--every", "weekly", "--at", "25:00", "--weekday", "8"); r.code != 2 ||
		!strings.Contains(r.stderr, "at: not a time of day") || !strings.Contains(r.stderr, "weekday: must be a day of the week") {
		t.Errorf("a wrong schedule: %d %s", r.code, r.stderr)
	}
	show := mustRun(t, dir, "schedule", "show")
	if !strings.Contains(show.stdout, "atelier") || !strings.Contains(show.stdout, "last 1 (storage)") {
		t.Errorf("schedule show:\n%s", show.stdout)
	}

	_, oldest := backupTask(t, dir, "atelier", "--keep")
	_, middle := backupTask(t, dir, "atelier")
	_, newest := backupTask(t, dir, "atelier")
	before := storageFiles(t, dir, "atelier")
	dry := mustRun(t, dir, "prune", "atelier", "--dry-run")
	if dry.stdout != "server storage of atelier: keeps 2 backup(s), would delete 1\nwould delete "+middle.Entry.Name+"\n" {
		t.Errorf("prune --dry-run:\n%s", dry.stdout)
	}
	if after := storageFiles(t, dir, "atelier"); !slices.Equal(before, after) {
		t.Fatalf("--dry-run changed the storage:\n%v\n%v", before, after)
	}
	// A new rule shows what it would delete before it is saved, and is not saved unless confirmed.
	r = run(t, dir, "no\n", "schedule", "set", "atelier", "--every", "daily", "--at", "03:00", "--keep-last", "1",
		"--retention-scope", "storage")
	if r.code != 1 || !strings.Contains(r.stderr, "these 1 backup(s) would go: "+middle.Entry.Name) {
		t.Errorf("unconfirmed rule: %d %s", r.code, r.stderr)
	}
	if show := mustRun(t, dir, "schedule", "show", "atelier"); !strings.Contains(show.stdout, "02:30") {
		t.Errorf("the unconfirmed rule was saved:\n%s", show.stdout)
	}

	pr := mustRun(t, dir, "prune", "atelier")
	if !strings.Contains(pr.stdout, "deleted "+middle.Entry.Name) {
		t.Errorf("prune:\n%s", pr.stdout)
	}
	for _, f := range storageFiles(t, dir, "atelier") {
		if strings.HasPrefix(f, middle.Entry.Name+".") {
			t.Errorf("%s left", f)
		}
	}
	mustRun(t, dir, "verify", "atelier", oldest.Entry.Name)
	mustRun(t, dir, "verify", "atelier", newest.Entry.Name)

	mustRun(t, dir, "schedule", "off", "atelier")
	if show := mustRun(t, dir, "schedule", "show", "atelier"); strings.Contains(show.stdout, "02:30") {
		t.Errorf("schedule off left it:\n%s", show.stdout)
	}
}
