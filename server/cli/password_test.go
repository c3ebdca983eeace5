package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coffre/server/jobs"
	"coffre/server/store"
)

// A protected chain made and read with --password-file: listed with its lock, verified and
// restored with the password; without it, or with another, refused with a clear message.
func TestPasswordFileChain(t *testing.T) {
	dir := demoData(t)
	pw := filepath.Join(t.TempDir(), "pw")
	if err := os.WriteFile(pw, []byte("s3cret phrase\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	wrong := filepath.Join(t.TempDir(), "wrong")
	if err := os.WriteFile(wrong, []byte("other\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, full := backupTask(t, dir, "atelier", "--password-file", pw)
	_, incr := backupTask(t, dir, "atelier", "--incremental", "--password-file", pw)
	if incr.Entry.Parent != full.Entry.Name {
		t.Fatalf("the incremental's parent is %q, want %s", incr.Entry.Parent, full.Entry.Name)
	}
	list := decodeJSON[[]jobs.Listed](t, mustRun(t, dir, "backups", "atelier", "--json"))
	if len(list) != 2 || !list[0].Protected || !list[1].Protected || list[1].Status != "ok" {
		t.Fatalf("backups --json = %+v", list)
	}
	name := incr.Entry.Name
	if r := mustRun(t, dir, "verify", "atelier", name, "--password-file", pw); !strings.Contains(r.stdout, "is sound") {
		t.Errorf("verify says %q", r.stdout)
	}
	out := t.TempDir()
	if r := mustRun(t, dir, "restore", "atelier", name, "--to", out+"/", "--preview", "--password-file", pw); !strings.Contains(r.stdout, "would add") {
		t.Errorf("preview says %q", r.stdout)
	}
	if r := mustRun(t, dir, "restore", "atelier", name, "--preview", "--overwrite", "--password-file", pw); !strings.Contains(r.stdout, "would add") {
		t.Errorf("preview in place says %q", r.stdout)
	}
	mustRun(t, dir, "restore", "atelier", name, "--to", out+"/", "--password-file", pw)
	st, _ := store.Open(dir, store.Options{})
	subs, _ := st.Subscriptions("atelier")
	for _, s := range subs {
		sameTree(t, s.Root, filepath.Join(out, "files", s.Domain))
	}
	for _, args := range [][]string{
		{"restore", "atelier", name, "--to", t.TempDir() + "/"},
		{"verify", "atelier", name},
	} {
		if r := run(t, dir, "", args...); r.code == 0 || !strings.Contains(r.stdout+r.stderr, "password") {
			t.Errorf("%v without the password: exit %d, %s%s", args, r.code, r.stdout, r.stderr)
		}
		r := run(t, dir, "", append(args, "--password-file", wrong)...)
		if r.code == 0 || !strings.Contains(r.stdout+r.stderr, "wrong backup password") {
			t.Errorf("%v with a wrong password: exit %d, %s%s", args, r.code, r.stdout, r.stderr)
		}
	}
	if r := run(t, dir, "", "backup", "atelier", "--incremental", "--password-file", wrong); r.code == 0 ||
		!strings.Contains(r.stdout+r.stderr, "wrong backup password") {
		t.Errorf("an incremental with another password: exit %d, %s%s", r.code, r.stdout, r.stderr)
	}
}
