package testtree

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestAwkwardIsWhatSnapshotSees(t *testing.T) {
	dir := t.TempDir()
	Awkward(t, filepath.Join(dir, "site"), "/var/www/other", 3<<20)
	tr := Snapshot(t, filepath.Join(dir, "site"))
	checks := map[string]func(Node) bool{
		".":                         func(n Node) bool { return n.Mode == fs.ModeDir|0o751 && n.MTime.Equal(Recent) },
		"httpdocs/setgid":           func(n Node) bool { return n.Mode == fs.ModeDir|fs.ModeSetgid|0o775 },
		"httpdocs/setgid/tool":      func(n Node) bool { return n.Mode == fs.ModeSetgid|0o755 },
		"httpdocs/setuid":           func(n Node) bool { return n.Mode == fs.ModeSetuid|0o755 },
		"httpdocs/sticky":           func(n Node) bool { return n.Mode == fs.ModeDir|fs.ModeSticky|0o777 },
		"httpdocs/empty dir":        func(n Node) bool { return n.Mode == fs.ModeDir|0o700 && n.MTime.Equal(Old) },
		"httpdocs/passwd":           func(n Node) bool { return n.Link == "/etc/passwd" && n.MTime.Equal(Old) },
		"httpdocs/other-client":     func(n Node) bool { return n.Link == "/var/www/other" },
		"httpdocs/future":           func(n Node) bool { return n.MTime.Equal(Future) },
		"httpdocs/sparse.img":       func(n Node) bool { return n.Size == 3<<20 && n.Sum != "" },
		"httpdocs/hard/one":         func(n Node) bool { return n.Group == "elsewhere/hard-four" },
		"httpdocs/hard-three":       func(n Node) bool { return n.Group == "elsewhere/hard-four" },
		"httpdocs/index.php":        func(n Node) bool { return n.Group == "" && n.Size == 17 },
		"httpdocs/new\nline":        func(n Node) bool { return n.Mode == 0o644 },
		"httpdocs/bad\xff\xfe utf8": func(n Node) bool { return n.Mode == 0o644 },
		"httpdocs/" + strings.Repeat("deep/", 60) + "bottom": func(n Node) bool { return n.MTime.Equal(Old) },
	}
	for p, ok := range checks {
		if n, found := tr[p]; !found || !ok(n) {
			t.Errorf("%q: %+v (found %v)", p, n, found)
		}
	}
	Equal(t, tr, Snapshot(t, filepath.Join(dir, "site")))
}

func TestDiffSeesEveryField(t *testing.T) {
	base := Node{Mode: 0o644, UID: 1, GID: 2, MTime: Recent, Size: 3, Sum: "s", Link: "", Group: "g"}
	for name, change := range map[string]func(*Node){
		"mode":  func(n *Node) { n.Mode = 0o640 },
		"uid":   func(n *Node) { n.UID = 9 },
		"gid":   func(n *Node) { n.GID = 9 },
		"mtime": func(n *Node) { n.MTime = n.MTime.Add(time.Nanosecond) },
		"size":  func(n *Node) { n.Size = 4 },
		"sum":   func(n *Node) { n.Sum = "t" },
		"link":  func(n *Node) { n.Link = "x" },
		"group": func(n *Node) { n.Group = "h" },
	} {
		got := base
		change(&got)
		if d := Diff(Tree{"a": base}, Tree{"a": got}); len(d) != 1 {
			t.Errorf("%s: diff %q", name, d)
		}
	}
	if d := Diff(Tree{"a": base}, Tree{"a": base, "b": base}); len(d) != 1 || !strings.Contains(d[0], "extra") {
		t.Errorf("extra: %q", d)
	}
	if d := Diff(Tree{"a": base, "b": base}, Tree{"a": base}); len(d) != 1 || !strings.Contains(d[0], "missing") {
		t.Errorf("missing: %q", d)
	}
	other := base
	other.MTime = Recent.In(time.FixedZone("x", 3600))
	if d := Diff(Tree{"a": base}, Tree{"a": other}); d != nil {
		t.Errorf("same instant in another zone: %q", d)
	}
}

func TestDigestIgnoresWhereTheHolesAre(t *testing.T) {
	dir := t.TempDir()
	b := New(t, dir)
	b.Sparse("holes", 1<<20+7, Recent)
	data := make([]byte, 1<<20+7)
	for _, off := range []int{0, (1<<20 + 7) / 3, 1<<20 + 2} {
		copy(data[off:], "data!")
	}
	must(t, os.WriteFile(b.Path("written"), data, 0o644))
	must(t, os.WriteFile(b.Path("other"), data[1:], 0o644))
	tr := Snapshot(t, dir)
	f, err := os.Open(b.Path("holes"))
	must(t, err)
	defer f.Close()
	streamed, err := Digest(f)
	must(t, err)
	if tr["holes"].Sum != tr["written"].Sum || streamed != tr["holes"].Sum {
		t.Errorf("sums %s, %s, streamed %s", tr["holes"].Sum, tr["written"].Sum, streamed)
	}
	if tr["other"].Sum == tr["written"].Sum {
		t.Error("shifted content has the same digest")
	}
}

func TestBuildMakesItems(t *testing.T) {
	dir := t.TempDir()
	Build(t, dir, []Item{
		Item{Path: "d", Kind: Dir, Mode: 0o700, MTime: Old},
		Item{Path: "d/f", Data: "x"},
		Item{Path: "l", Kind: Symlink, Link: "d/f"},
		Item{Path: "h", Kind: HardLink, Link: "d/f"},
	})
	tr := Snapshot(t, dir)
	want := map[string]Node{
		"d":   {Mode: fs.ModeDir | 0o700, MTime: Old},
		"d/f": {Mode: 0o644, MTime: Recent, Size: 1, Group: "d/f"},
		"l":   {Mode: fs.ModeSymlink | 0o777, MTime: Recent, Link: "d/f"},
		"h":   {Mode: 0o644, MTime: Recent, Size: 1, Group: "d/f"},
	}
	for p, w := range want {
		g := tr[p]
		g.UID, g.GID, g.Sum, w.Sum = 0, 0, "", ""
		if !same(g, w) {
			t.Errorf("%s: got %+v, want %+v", p, g, w)
		}
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
