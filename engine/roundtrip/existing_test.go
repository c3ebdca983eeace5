package roundtrip

import (
	"context"
	"os"
	"os/user"
	"path/filepath"
	"slices"
	"strconv"
	"syscall"
	"testing"
	"time"

	"coffre/engine/restore"
	"coffre/engine/spec"
	"coffre/internal/testtree"
)

// modesEnv backs up a small site, then changes it: one file rewritten older than the backup,
// one rewritten newer, one deleted, one added.
func modesEnv(t *testing.T) (*env, *testtree.Builder, string) {
	e := newEnv(t, nil, "acme.example")
	b := testtree.New(t, e.roots["acme.example"])
	t1 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	b.File("httpdocs/older.txt", "from the backup", 0o644, t1)
	b.File("httpdocs/newer.txt", "from the backup", 0o644, t1)
	b.File("httpdocs/deleted.txt", "from the backup", 0o644, t1)
	b.File("httpdocs/same.txt", "unchanged", 0o644, t1)
	b.Done()
	name := e.backup(e.spec(false)).Entry.Name
	b.File("httpdocs/older.txt", "edited, dated before the backup", 0o644, t1.Add(-time.Hour))
	b.File("httpdocs/newer.txt", "edited since", 0o644, t1.Add(time.Hour))
	rm(t, b, "httpdocs/deleted.txt")
	b.File("httpdocs/added.txt", "made since", 0o644, t1.Add(time.Hour))
	b.Done()
	return e, b, name
}

func (e *env) preview(r spec.Restore) restore.Preview {
	e.t.Helper()
	r.Client, r.Storage = client, spec.StorageServer
	pv, err := restore.RunPreview(context.Background(), restore.Options{
		Account: e.acct, Spec: r, Storage: e.st, HostKey: e.pub(), Clock: e.clock})
	if err != nil {
		e.t.Fatalf("preview: %v", err)
	}
	return pv
}

func body(t *testing.T, b *testtree.Builder, rel string) string {
	t.Helper()
	data, err := os.ReadFile(b.Path(rel))
	if os.IsNotExist(err) {
		return "(absent)"
	}
	must(t, err)
	return string(data)
}

func TestExistingModes(t *testing.T) {
	const back, absent = "from the backup", "(absent)"
	cases := []struct {
		mode                                     string
		older, newer, deleted, added             string
		added_, replaced, kept, removed, written int64
	}{
		{spec.ExistingOverwrite, back, back, back, absent, 1, 2, 0, 1, 4},
		{spec.ExistingNewer, back, "edited since", back, "made since", 1, 1, 1, 0, 3},
		{spec.ExistingMissing, "edited, dated before the backup", "edited since", back, "made since", 1, 0, 3, 0, 1},
	}
	for _, c := range cases {
		t.Run(c.mode, func(t *testing.T) {
			e, b, name := modesEnv(t)
			before := testtree.Snapshot(t, e.roots["acme.example"])
			pv := e.preview(spec.Restore{Backup: name, Existing: c.mode})
			testtree.Equal(t, before, testtree.Snapshot(t, e.roots["acme.example"])) // the preview wrote nothing
			got := []int64{pv.Added, pv.Replaced, pv.Kept, pv.Removed}
			if want := []int64{c.added_, c.replaced, c.kept, c.removed}; !slices.Equal(got, want) {
				t.Errorf("preview added, replaced, kept, removed = %v, want %v (%+v)", got, want, pv)
			}
			if c.removed > 0 && !slices.Contains(pv.RemovedPaths, "files/acme.example/httpdocs/added.txt") {
				t.Errorf("removed paths %q, want added.txt", pv.RemovedPaths)
			}
			if !slices.Contains(pv.AddedPaths, "files/acme.example/httpdocs/deleted.txt") {
				t.Errorf("added paths %q, want deleted.txt", pv.AddedPaths)
			}
			res := e.mustRestore(spec.Restore{Backup: name, Existing: c.mode})
			for rel, want := range map[string]string{"httpdocs/older.txt": c.older, "httpdocs/newer.txt": c.newer,
				"httpdocs/deleted.txt": c.deleted, "httpdocs/added.txt": c.added} {
				if got := body(t, b, rel); got != want {
					t.Errorf("%s: %q, want %q", rel, got, want)
				}
			}
			if res.Files != c.written || res.Kept != c.kept || res.Removed != c.removed || res.Existing != c.mode {
				t.Errorf("result %+v: want %d files written, %d kept, %d removed", res, c.written, c.kept, c.removed)
			}
		})
	}
}

// A safety backup of the webspace made before a restore, restored as an undo, gives back the
// tree as it was before the restore, byte for byte: what the restore replaced, removed and
// added. Undoing a single-file restore of a file that did not exist removes it.
func TestSafetyUndo(t *testing.T) {
	e, b, name := modesEnv(t)
	root := e.roots["acme.example"]
	before := testtree.Snapshot(t, root)
	safety := e.backup(e.spec(false)).Entry.Name
	e.mustRestore(spec.Restore{Backup: name})
	if body(t, b, "httpdocs/added.txt") != "(absent)" {
		t.Fatal("the restore kept added.txt")
	}
	pv := e.preview(spec.Restore{Backup: safety, Undo: true})
	if pv.Added != 1 || pv.Replaced != 2 || pv.Removed != 1 {
		t.Errorf("undo preview %+v: want added.txt added, two files replaced, deleted.txt removed", pv)
	}
	e.mustRestore(spec.Restore{Backup: safety, Undo: true})
	testtree.Equal(t, before, testtree.Snapshot(t, root))

	// One file: deleted.txt did not exist before; undoing its restore removes it.
	e.mustRestore(spec.Restore{Backup: name, Paths: []string{"httpdocs/deleted.txt"}})
	if body(t, b, "httpdocs/deleted.txt") != "from the backup" {
		t.Fatal("deleted.txt not restored")
	}
	if _, err := e.restore(spec.Restore{Backup: safety, Paths: []string{"httpdocs/deleted.txt"}}); err == nil {
		t.Error("a path the backup does not hold was accepted without Undo")
	}
	res := e.mustRestore(spec.Restore{Backup: safety, Paths: []string{"httpdocs/deleted.txt"}, Undo: true})
	if res.Removed != 1 {
		t.Errorf("removed %d, want 1", res.Removed)
	}
	testtree.Equal(t, before, testtree.Snapshot(t, root))
}

// Into restores below a folder of the webspace, in the webspace's layout, and nothing else
// changes; a folder that leaves the webspace is refused.
func TestRestoreInto(t *testing.T) {
	e, b, name := modesEnv(t)
	e.mustRestore(spec.Restore{Backup: name, Into: "restored/today", Paths: []string{"httpdocs/deleted.txt"}})
	if got := body(t, b, "restored/today/httpdocs/deleted.txt"); got != "from the backup" {
		t.Errorf("restored copy: %q", got)
	}
	if got := body(t, b, "httpdocs/deleted.txt"); got != "(absent)" {
		t.Errorf("in place: %q, want it left absent", got)
	}
	must(t, os.Symlink(t.TempDir(), b.Path("out")))
	if _, err := e.restore(spec.Restore{Backup: name, Into: "out/x"}); err == nil {
		t.Error("a folder reached through a symlink was accepted")
	}
	if _, err := e.restore(spec.Restore{Backup: name, Into: "../x"}); err == nil {
		t.Error("a folder outside the webspace was accepted")
	}
}

// Run as root, a restore into the webspace gives the files to the subscription's system user,
// whatever owner the backup recorded; a restore elsewhere (To) keeps the backup's.
func TestRestoreGivesFilesToTheSystemUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to change owners")
	}
	nobody, err := user.Lookup("nobody")
	if err != nil {
		t.Skip("no user nobody on this host")
	}
	e, b, name := modesEnv(t)
	e.acct.Subscriptions[0].User = "nobody"
	e.mustRestore(spec.Restore{Backup: name})
	for _, rel := range []string{"httpdocs", "httpdocs/deleted.txt", "httpdocs/same.txt"} {
		fi, err := os.Lstat(b.Path(rel))
		must(t, err)
		if st := fi.Sys().(*syscall.Stat_t); strconv.Itoa(int(st.Uid)) != nobody.Uid || strconv.Itoa(int(st.Gid)) != nobody.Gid {
			t.Errorf("%s owned by %d:%d, want nobody (%s:%s)", rel, st.Uid, st.Gid, nobody.Uid, nobody.Gid)
		}
	}
	to := t.TempDir()
	e.mustRestore(spec.Restore{Backup: name, To: to})
	fi, err := os.Lstat(filepath.Join(to, "files/acme.example/httpdocs/deleted.txt"))
	must(t, err)
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != 0 {
		t.Errorf("restored elsewhere: owned by %d, want the backup's 0", st.Uid)
	}
}
