package backup

import (
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"coffre/engine/index"
	"coffre/internal/testtree"
)

// resolve rebuilds the state captured by backup name from its index and the archives of the
// holders, as a restore does, and describes it as snapshot does (for domain a.example).
func (e *env) resolve(name, domain string) testtree.Tree {
	e.t.Helper()
	archives := map[string]testtree.Tree{}
	out := testtree.Tree{}
	groups := map[string][]string{}
	prefix := "files/" + domain
	for _, ie := range e.index(name) {
		rel, ok := relOf(ie.Path, prefix)
		if !ok {
			continue
		}
		if archives[ie.Holder] == nil {
			_, entries := e.readBack(ie.Holder)
			archives[ie.Holder] = archiveSnapshot(entries, domain)
		}
		s, ok := archives[ie.Holder][rel]
		if !ok {
			e.t.Errorf("%s: %s not in its holder %s", name, ie.Path, ie.Holder)
			continue
		}
		if ie.Type == index.Hardlink || ie.Type == index.File && s.Group != "" {
			lead := rel
			if ie.Type == index.Hardlink {
				lead, _ = relOf(ie.Link, prefix)
			}
			groups[lead] = append(groups[lead], rel)
		}
		s.Group = ""
		out[rel] = s
	}
	for _, names := range groups {
		sort.Strings(names)
		for _, n := range names {
			s := out[n]
			s.Group = names[0]
			out[n] = s
		}
	}
	return out
}

// filesStored is what a backup's archive holds under files/a.example/.
func (e *env) filesStored(name string) []string {
	order, _ := e.readBack(name)
	var out []string
	for _, p := range stored(order) {
		if rel, ok := strings.CutPrefix(p, "a.example"); ok {
			out = append(out, strings.TrimPrefix(rel, "/"))
		}
	}
	return out
}

func TestIncrementalChain(t *testing.T) {
	e := newEnv(t)
	root := e.root("a.example")
	p := func(rel string) string { return filepath.Join(root, rel) }
	testtree.Build(t, root, []testtree.Item{
		{Path: "httpdocs/index.php", Data: "index"},
		{Path: "httpdocs/old-name.txt", Data: "renamed later"},
		{Path: "httpdocs/gone.txt", Data: "deleted later"},
		{Path: "httpdocs/mode.txt", Data: "chmod later"},
		{Path: "httpdocs/rewrite.txt", Data: "aaaa"},
		{Path: "httpdocs/dir-to-file/x", Data: "x"},
		{Path: "hard/one", Data: "linked"},
		{Path: "hard/two", Kind: testtree.HardLink, Link: "hard/one"},
	})
	states := map[string]testtree.Tree{}
	full := e.run(e.spec(true)).Entry
	if full.Type != "full" || full.Parent != "" {
		t.Fatalf("first backup of a chain: %+v", full)
	}
	states[full.Name] = testtree.Snapshot(t, root)

	later := time.Date(2025, 1, 1, 0, 0, 0, 5, time.UTC)
	must(t, os.WriteFile(p("httpdocs/new.txt"), []byte("new"), 0o644))
	must(t, os.Remove(p("httpdocs/gone.txt")))
	must(t, os.Rename(p("httpdocs/old-name.txt"), p("httpdocs/new-name.txt")))
	must(t, os.Chmod(p("httpdocs/mode.txt"), 0o600))
	must(t, os.WriteFile(p("httpdocs/rewrite.txt"), []byte("bbbb"), 0o644))
	must(t, os.Chtimes(p("httpdocs/rewrite.txt"), later, later))
	must(t, os.RemoveAll(p("httpdocs/dir-to-file")))
	must(t, os.WriteFile(p("httpdocs/dir-to-file"), []byte("now a file"), 0o644))
	incr1 := e.run(e.spec(true)).Entry
	states[incr1.Name] = testtree.Snapshot(t, root)

	must(t, os.Link(p("hard/one"), p("hard/three")))
	chowned := os.Geteuid() == 0 // an owner change alone is a change
	if chowned {
		must(t, os.Chown(p("httpdocs/index.php"), 4321, 4321))
	}
	incr2 := e.run(e.spec(true)).Entry
	states[incr2.Name] = testtree.Snapshot(t, root)

	incr3 := e.run(e.spec(true)).Entry
	states[incr3.Name] = testtree.Snapshot(t, root)

	if incr1.Parent != full.Name || incr2.Parent != incr1.Name || incr3.Parent != incr2.Name ||
		incr3.Type != "incremental" {
		t.Fatalf("chain: %s <- %s <- %s <- %s (%s)", full.Name, incr1.Parent, incr2.Parent, incr3.Parent, incr3.Type)
	}
	wantStored := map[string][]string{
		incr1.Name: {"httpdocs", "httpdocs/dir-to-file", "httpdocs/mode.txt", "httpdocs/new-name.txt",
			"httpdocs/new.txt", "httpdocs/rewrite.txt"},
		incr2.Name: {"hard", "hard/one", "hard/three", "hard/two"},
		incr3.Name: nil,
	}
	if chowned {
		wantStored[incr2.Name] = append(wantStored[incr2.Name], "httpdocs/index.php")
	}
	for n, want := range wantStored {
		if got := e.filesStored(n); !slices.Equal(got, want) {
			t.Errorf("%s stores %q, want %q", n, got, want)
		}
	}
	for n, want := range states {
		t.Run(n, func(t *testing.T) { testtree.Equal(t, want, e.resolve(n, "a.example")) })
	}
	ix := e.index(incr1.Name)
	for _, ie := range ix {
		if ie.Path == "files/a.example/httpdocs/index.php" && ie.Holder != full.Name {
			t.Errorf("unchanged index.php held by %s, want %s", ie.Holder, full.Name)
		}
	}
}

func TestConfigOnlyHoldsOnlyConfiguration(t *testing.T) {
	e := newEnv(t)
	testtree.Build(t, e.root("a.example"), []testtree.Item{{Path: "httpdocs/index.php", Data: "x"}})
	e.run(e.spec(false))
	sp := e.spec(true)
	sp.ConfigOnly = true
	res := e.run(sp)
	if res.Entry.Type != "full" || res.Entry.Parent != "" {
		t.Errorf("config-only backup: type %s parent %q, want full without parent", res.Entry.Type, res.Entry.Parent)
	}
	order, _ := e.readBack(res.Entry.Name)
	for _, n := range order {
		if !strings.HasPrefix(n, "config/") && n != "coffre/manifest.json" {
			t.Errorf("config-only archive holds %q", n)
		}
	}
	if ix := e.index(res.Entry.Name); len(ix) != 0 {
		t.Errorf("config-only index lists %d paths", len(ix))
	}
	// The next incremental takes the full backup as parent, not the config-only one.
	if next := e.run(e.spec(true)).Entry; next.Parent == res.Entry.Name || next.Type != "incremental" {
		t.Errorf("incremental after config-only: parent %q type %s", next.Parent, next.Type)
	}
}
