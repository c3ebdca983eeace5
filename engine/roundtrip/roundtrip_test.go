package roundtrip

import (
	"os"
	"path/filepath"
	"testing"

	"coffre/engine/spec"
	"coffre/internal/testtree"
)

// The awkward tree comes back equal: into a fresh webspace, into a dirty one, and under --to.
func TestRoundTripAwkward(t *testing.T) {
	e := newEnv(t, nil, "acme.example", "other.example")
	other := e.roots["other.example"]
	testtree.New(t, other).File("secret.txt", "other client's secret", 0o600, testtree.Recent)
	testtree.Awkward(t, e.roots["acme.example"], other, 2<<30+1<<20) // over 2 GiB: sizes beyond int32
	want := testtree.Snapshot(t, e.roots["acme.example"])
	res := e.backup(e.spec(false))

	t.Run("fresh", func(t *testing.T) {
		clear(t, e.roots["acme.example"])
		e.mustRestore(spec.Restore{Backup: res.Entry.Name, Subscriptions: []string{"acme.example"}})
		testtree.Equal(t, want, testtree.Snapshot(t, e.roots["acme.example"]))
	})
	t.Run("dirty", func(t *testing.T) {
		dirty(t, e.roots["acme.example"])
		e.mustRestore(spec.Restore{Backup: res.Entry.Name, Subscriptions: []string{"acme.example"}})
		testtree.Equal(t, want, testtree.Snapshot(t, e.roots["acme.example"]))
	})
	t.Run("to", func(t *testing.T) {
		to := filepath.Join(t.TempDir(), "restored")
		e.mustRestore(spec.Restore{Backup: res.Entry.Name, To: to})
		testtree.Equal(t, want, testtree.Snapshot(t, filepath.Join(to, "files", "acme.example")))
	})
}

// clear empties a webspace, keeping its root.
func clear(t testing.TB, root string) {
	t.Helper()
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	for _, en := range entries {
		p := filepath.Join(root, en.Name())
		os.Chmod(p, 0o700)
		if err := os.RemoveAll(p); err != nil {
			t.Fatal(err)
		}
	}
}

// dirty changes a webspace the ways a tenant or an accident would before a restore.
func dirty(t testing.TB, root string) {
	t.Helper()
	b := testtree.New(t, root)
	b.File("httpdocs/index.php", "defaced", 0o666, testtree.Recent)
	b.File("httpdocs/extra.php", "planted", 0o644, testtree.Recent)
	b.File("httpdocs/empty dir/planted", "x", 0o644, testtree.Recent)
	os.RemoveAll(b.Path("httpdocs/hard"))
	b.File("httpdocs/hard", "a file where a directory was", 0o644, testtree.Recent)
	os.Remove(b.Path("httpdocs/rel"))
	b.Dir("httpdocs/rel/sub", 0o755, testtree.Recent)
	os.Remove(b.Path("httpdocs/empty file"))
	b.Symlink("httpdocs/empty file", "/etc/shadow", testtree.Recent)
	b.Done()
}
