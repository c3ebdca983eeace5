package roundtrip

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"coffre/engine/spec"
	"coffre/internal/testtree"
)

// A chain full -> incremental -> incremental: restoring each backup gives exactly the state it
// captured, into a fresh directory and in place over the latest state.
func TestChain(t *testing.T) {
	e := newEnv(t, nil, "acme.example")
	root := e.roots["acme.example"]
	b := testtree.New(t, root)
	t1 := time.Date(2025, 1, 1, 0, 0, 0, 111, time.UTC)
	b.File("httpdocs/keep.txt", "unchanged", 0o644, t1)
	b.File("httpdocs/delete-me.txt", "bye", 0o644, t1)
	b.File("httpdocs/old/tree/a.txt", "a", 0o644, t1)
	b.File("httpdocs/rename-me.txt", "moving", 0o644, t1)
	b.File("httpdocs/chmod.sh", "#!/bin/sh", 0o644, t1)
	b.File("httpdocs/rewrite.txt", "AAAA", 0o644, t1)
	b.File("httpdocs/becomes-file/inner.txt", "inner", 0o644, t1)
	b.File("httpdocs/becomes-dir", "a file first", 0o644, t1)
	b.Symlink("httpdocs/link", "keep.txt", t1)
	b.File("httpdocs/group/a", "linked", 0o644, t1)
	b.Link("httpdocs/group/a", "httpdocs/group/b")
	b.Done()
	var names []string
	var states []testtree.Tree
	capture := func(incremental bool) {
		states = append(states, testtree.Snapshot(t, root))
		names = append(names, e.backup(e.spec(incremental)).Entry.Name)
	}
	capture(false)

	t2 := t1.Add(time.Hour + 222)
	b.File("httpdocs/new.txt", "added", 0o644, t2)
	b.File("httpdocs/new dir/n.txt", "added too", 0o600, t2)
	rm(t, b, "httpdocs/delete-me.txt", "httpdocs/old")
	mv(t, b, "httpdocs/rename-me.txt", "httpdocs/renamed.txt")
	must(t, os.Chmod(b.Path("httpdocs/chmod.sh"), 0o755))
	b.File("httpdocs/rewrite.txt", "BBBB", 0o644, t2)
	rm(t, b, "httpdocs/becomes-file")
	b.File("httpdocs/becomes-file", "now a file", 0o644, t2)
	capture(true)

	t3 := t2.Add(time.Hour + 333)
	rm(t, b, "httpdocs/becomes-dir", "httpdocs/new.txt", "httpdocs/group/b")
	b.File("httpdocs/becomes-dir/x.txt", "now a directory", 0o644, t3)
	b.File("httpdocs/delete-me.txt", "back, and different", 0o644, t3)
	b.Symlink("httpdocs/link", "renamed.txt", t3)
	b.File("httpdocs/group/a", "relinked", 0o644, t3)
	b.Link("httpdocs/group/a", "httpdocs/group/c")
	capture(true)

	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			to := filepath.Join(t.TempDir(), "to")
			res := e.mustRestore(spec.Restore{Backup: name, To: to})
			testtree.Equal(t, states[i], testtree.Snapshot(t, filepath.Join(to, "files", "acme.example")))
			if len(res.Chain) == 0 || res.Chain[0] != names[0] {
				t.Errorf("archives read: %q, want the full backup's first (it holds keep.txt)", res.Chain)
			}
			e.mustRestore(spec.Restore{Backup: name})
			testtree.Equal(t, states[i], testtree.Snapshot(t, root))
		})
	}
}

func rm(t testing.TB, b *testtree.Builder, rels ...string) {
	t.Helper()
	for _, rel := range rels {
		must(t, os.RemoveAll(b.Path(rel)))
	}
}

func mv(t testing.TB, b *testtree.Builder, from, to string) {
	t.Helper()
	must(t, os.Rename(b.Path(from), b.Path(to)))
}
