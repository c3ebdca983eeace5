package roundtrip

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"coffre/engine/spec"
	"coffre/internal/testtree"
)

// A file rewritten with its size kept and its mtime put back (cp -p, rsync -t, touch -r) is
// stored again by the next incremental (its ctime changed), and a restore gives the new
// content; so is a file replaced by another inode with the same size and mtime.
func TestRewriteBehindItsOldMTime(t *testing.T) {
	e := newEnv(t, nil, "acme.example")
	b := testtree.New(t, e.roots["acme.example"])
	t1 := time.Date(2025, 1, 1, 0, 0, 0, 111, time.UTC)
	b.File("httpdocs/config.php", "password=old", 0o644, t1)
	b.File("httpdocs/swapped.php", "first inode", 0o644, t1)
	b.File("httpdocs/untouched.php", "same", 0o644, t1)
	b.Done()
	e.backup(e.spec(false))

	p := b.Path("httpdocs/config.php")
	must(t, os.WriteFile(p, []byte("password=NEW"), 0o644))
	must(t, os.Chtimes(p, t1, t1))
	q := b.Path("httpdocs/swapped.php")
	tmp := q + ".tmp"
	must(t, os.WriteFile(tmp, []byte("other inode"), 0o644))
	must(t, os.Chtimes(tmp, t1, t1))
	must(t, os.Rename(tmp, q))
	incr := e.backup(e.spec(true)).Entry
	if incr.Type != "incremental" {
		t.Fatalf("second backup is %s", incr.Type)
	}
	if incr.Files != 3 {
		t.Errorf("the incremental stored %d entries, want the rewritten file, the replaced one and their folder", incr.Files)
	}
	to := filepath.Join(t.TempDir(), "to")
	e.mustRestore(spec.Restore{Backup: incr.Name, To: to})
	for rel, want := range map[string]string{"config.php": "password=NEW", "swapped.php": "other inode", "untouched.php": "same"} {
		got, err := os.ReadFile(filepath.Join(to, "files", "acme.example", "httpdocs", rel))
		if err != nil || string(got) != want {
			t.Errorf("%s restored as %q (%v), want %q", rel, got, err, want)
		}
	}
}
