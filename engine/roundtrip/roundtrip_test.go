package roundtrip

import (
	"os"
	"path/filepath"
	"testing"

	"coffre/engine/spec"
)

// The awkward tree comes back equal: into a fresh webspace, into a dirty one, and under --to.
func TestRoundTripAwkward(t *testing.T) {
	e := newEnv(t, nil, "acme.example", "other.example")
	other := e.roots["other.example"]
	newBuilder(t, other).file("secret.txt", "other client's secret", 0o600, tNs)
	awkward(t, e.roots["acme.example"], other, 2<<30+1<<20) // over 2 GiB: sizes beyond int32
	want := snapshot(t, e.roots["acme.example"])
	res := e.backup(e.spec(false))

	t.Run("fresh", func(t *testing.T) {
		clear(t, e.roots["acme.example"])
		e.mustRestore(spec.Restore{Backup: res.Entry.Name, Subscriptions: []string{"acme.example"}})
		sameTree(t, want, snapshot(t, e.roots["acme.example"]))
	})
	t.Run("dirty", func(t *testing.T) {
		dirty(t, e.roots["acme.example"])
		e.mustRestore(spec.Restore{Backup: res.Entry.Name, Subscriptions: []string{"acme.example"}})
		sameTree(t, want, snapshot(t, e.roots["acme.example"]))
	})
	t.Run("to", func(t *testing.T) {
		to := filepath.Join(t.TempDir(), "restored")
		e.mustRestore(spec.Restore{Backup: res.Entry.Name, To: to})
		sameTree(t, want, snapshot(t, filepath.Join(to, "files", "acme.example")))
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
	b := newBuilder(t, root)
	b.file("httpdocs/index.php", "defaced", 0o666, tNs)
	b.file("httpdocs/extra.php", "planted", 0o644, tNs)
	b.file("httpdocs/empty dir/planted", "x", 0o644, tNs)
	os.RemoveAll(b.path("httpdocs/hard"))
	b.file("httpdocs/hard", "a file where a directory was", 0o644, tNs)
	os.Remove(b.path("httpdocs/rel"))
	b.dir("httpdocs/rel/sub", 0o755, tNs)
	os.Remove(b.path("httpdocs/empty file"))
	b.symlink("httpdocs/empty file", "/etc/shadow", tNs)
	b.done()
}
