package roundtrip

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"coffre/engine/spec"
)

// A chain full -> incremental -> incremental: restoring each backup gives exactly the state it
// captured, into a fresh directory and in place over the latest state.
func TestChain(t *testing.T) {
	e := newEnv(t, nil, "acme.example")
	root := e.roots["acme.example"]
	b := newBuilder(t, root)
	t1 := time.Date(2025, 1, 1, 0, 0, 0, 111, time.UTC)
	b.file("httpdocs/keep.txt", "unchanged", 0o644, t1)
	b.file("httpdocs/delete-me.txt", "bye", 0o644, t1)
	b.file("httpdocs/old/tree/a.txt", "a", 0o644, t1)
	b.file("httpdocs/rename-me.txt", "moving", 0o644, t1)
	b.file("httpdocs/chmod.sh", "#!/bin/sh", 0o644, t1)
	b.file("httpdocs/rewrite.txt", "AAAA", 0o644, t1)
	b.file("httpdocs/becomes-file/inner.txt", "inner", 0o644, t1)
	b.file("httpdocs/becomes-dir", "a file first", 0o644, t1)
	b.symlink("httpdocs/link", "keep.txt", t1)
	b.file("httpdocs/group/a", "linked", 0o644, t1)
	b.link("httpdocs/group/a", "httpdocs/group/b")
	b.done()
	var names []string
	var states []tree
	capture := func(incremental bool) {
		states = append(states, snapshot(t, root))
		names = append(names, e.backup(e.spec(incremental)).Entry.Name)
	}
	capture(false)

	t2 := t1.Add(time.Hour + 222)
	b.file("httpdocs/new.txt", "added", 0o644, t2)
	b.file("httpdocs/new dir/n.txt", "added too", 0o600, t2)
	rm(t, b, "httpdocs/delete-me.txt", "httpdocs/old")
	mv(t, b, "httpdocs/rename-me.txt", "httpdocs/renamed.txt")
	b.check(os.Chmod(b.path("httpdocs/chmod.sh"), 0o755))
	b.file("httpdocs/rewrite.txt", "BBBB", 0o644, t2)
	rm(t, b, "httpdocs/becomes-file")
	b.file("httpdocs/becomes-file", "now a file", 0o644, t2)
	capture(true)

	t3 := t2.Add(time.Hour + 333)
	rm(t, b, "httpdocs/becomes-dir", "httpdocs/new.txt", "httpdocs/group/b")
	b.file("httpdocs/becomes-dir/x.txt", "now a directory", 0o644, t3)
	b.file("httpdocs/delete-me.txt", "back, and different", 0o644, t3)
	b.symlink("httpdocs/link", "renamed.txt", t3)
	b.file("httpdocs/group/a", "relinked", 0o644, t3)
	b.link("httpdocs/group/a", "httpdocs/group/c")
	capture(true)

	for i, name := range names {
		t.Run(name, func(t *testing.T) {
			to := filepath.Join(t.TempDir(), "to")
			res := e.mustRestore(spec.Restore{Backup: name, To: to})
			sameTree(t, states[i], snapshot(t, filepath.Join(to, "files", "acme.example")))
			if len(res.Chain) == 0 || res.Chain[0] != names[0] {
				t.Errorf("archives read: %q, want the full backup's first (it holds keep.txt)", res.Chain)
			}
			e.mustRestore(spec.Restore{Backup: name})
			sameTree(t, states[i], snapshot(t, root))
		})
	}
}

func rm(t testing.TB, b *builder, rels ...string) {
	t.Helper()
	for _, rel := range rels {
		b.check(os.RemoveAll(b.path(rel)))
	}
}

func mv(t testing.TB, b *builder, from, to string) {
	t.Helper()
	b.check(os.Rename(b.path(from), b.path(to)))
}
