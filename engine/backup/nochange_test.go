package backup

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"coffre/internal/testtree"
)

// TestNoChangeIncrementalWritesTheSameState: an incremental of an unchanged account (its index
// written while the trees are walked) records the same state as its parent: the same index
// records, holders and offsets, the same counts of web files and mail messages, nothing
// stored; and the one after a change stores the change again.
func TestNoChangeIncrementalWritesTheSameState(t *testing.T) {
	e := newEnv(t)
	withMailAndDatabases(t, e)
	testtree.Build(t, e.root("b.example"), []testtree.Item{{Path: "httpdocs/a.txt", Data: "aa"},
		{Path: "httpdocs/link", Kind: testtree.Symlink, Link: "a.txt"}, {Path: "logs/access_log", Data: "GET /"},
		{Path: "httpdocs/x/y/z/deep.txt", Data: "deep"}, {Path: "httpdocs/x/y/other.txt", Data: "o"}})
	full := e.run(e.spec(true)).Entry
	must(t, os.WriteFile(filepath.Join(e.root("b.example"), "httpdocs/new.txt"), []byte("new"), 0o644))
	changed := e.run(e.spec(true)).Entry
	same := e.run(e.spec(true)).Entry
	if changed.Parent != full.Name || same.Parent != changed.Name || same.Type != "incremental" {
		t.Fatalf("chain: %s <- %s <- %s", full.Name, changed.Parent, same.Parent)
	}
	mc, ms := e.manifest(changed.Name), e.manifest(same.Name)
	if ms.Files != 0 || ms.Entries != mc.Entries || ms.Captured.WebFiles != mc.Captured.WebFiles ||
		ms.Captured.WebBytes != mc.Captured.WebBytes || mc.Captured.WebFiles != 6 {
		t.Errorf("no-change manifest: files %d, entries %d (parent %d), web files %d/%d bytes %d/%d", ms.Files,
			ms.Entries, mc.Entries, ms.Captured.WebFiles, mc.Captured.WebFiles, ms.Captured.WebBytes, mc.Captured.WebBytes)
	}
	if len(ms.Captured.Mailboxes) != 1 || ms.Captured.Mailboxes[0].Messages != 2 || ms.Captured.Mailboxes[0].Stored != 0 {
		t.Errorf("no-change mailboxes: %+v", ms.Captured.Mailboxes)
	}
	ic, is := e.index(changed.Name), e.index(same.Name)
	if !slices.Equal(ic, is) || int64(len(is)) != ms.Entries {
		t.Errorf("no-change index differs from its parent's:\n%v\n%v", ic, is)
	}
	if order, _ := e.readBack(same.Name); len(stored(order)) != 0 {
		t.Errorf("no-change incremental stores %q", stored(order))
	}
	for _, ie := range is {
		if ie.Holder == same.Name {
			t.Errorf("%s held by the no-change incremental", ie.Path)
		}
	}
	testtree.Equal(t, testtree.Snapshot(t, e.root("b.example")), e.resolve(same.Name, "b.example"))

	must(t, os.WriteFile(filepath.Join(e.root("b.example"), "httpdocs/a.txt"), []byte("ab"), 0o644))
	must(t, os.WriteFile(filepath.Join(e.root("b.example"), "httpdocs/x/y/z/deep.txt"), []byte("DEEP"), 0o644))
	next := e.run(e.spec(true)).Entry
	want := []string{"b.example/httpdocs/a.txt", "b.example/httpdocs/x/y/z/deep.txt"}
	if order, _ := e.readBack(next.Name); !slices.Equal(files(stored(order)), want) {
		t.Errorf("after a change, %s stores %q, want the files %q", next.Name, stored(order), want)
	}
	testtree.Equal(t, testtree.Snapshot(t, e.root("b.example")), e.resolve(next.Name, "b.example"))
	for _, ie := range e.index(next.Name) {
		if ie.Path == "files/b.example/httpdocs/a.txt" && (ie.Holder != next.Name || ie.Offset == 0) {
			t.Errorf("changed file: %+v", ie)
		}
	}
}

// files keeps the regular files' names of a list of stored paths of the test trees (their
// folders are stored too when a file in them changed).
func files(stored []string) []string {
	var out []string
	for _, p := range stored {
		if strings.HasSuffix(p, ".txt") {
			out = append(out, p)
		}
	}
	return out
}
