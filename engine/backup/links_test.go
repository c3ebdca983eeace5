package backup

import (
	"testing"

	"coffre/engine/index"
	"coffre/internal/testtree"
)

// TestLinkGroupsBounded: past the bound of hard-link groups followed at once, a file's later
// names are stored as files of their own; the state captured is still every name with its
// content, and the groups within the bound stay hard links.
func TestLinkGroupsBounded(t *testing.T) {
	defer func(n int) { maxLinkGroups = n }(maxLinkGroups)
	maxLinkGroups = 1
	e := newEnv(t)
	root := e.root("a.example")
	testtree.Build(t, root, []testtree.Item{
		{Path: "g/a1", Data: "first group"},
		{Path: "g/b1", Data: "second group"},
		{Path: "g/b2", Kind: testtree.HardLink, Link: "g/b1"},
		{Path: "g/c", Kind: testtree.HardLink, Link: "g/a1"}, // the first group is still open at b1

	})
	want := testtree.Snapshot(t, root)
	name := e.run(e.spec(false)).Entry.Name
	types := map[string]index.Type{}
	for _, ie := range e.index(name) {
		types[ie.Path] = ie.Type
	}
	for p, ty := range map[string]index.Type{"g/a1": index.File, "g/b1": index.File, "g/b2": index.File, "g/c": index.Hardlink} {
		if got := types["files/a.example/"+p]; got != ty {
			t.Errorf("%s is a %q, want %q", p, got, ty)
		}
	}
	got := e.resolve(name, "a.example")
	for _, p := range []string{"g/a1", "g/b1", "g/b2", "g/c"} {
		if got[p].Sum == "" || got[p].Sum != want[p].Sum {
			t.Errorf("%s holds %q, want %q", p, got[p].Sum, want[p].Sum)
		}
	}
}
