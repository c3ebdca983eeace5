package rules

import (
	"archive/tar"
	"errors"
	"fmt"
	"strings"
	"testing"

	"coffre/engine/index"
	"coffre/engine/manifest"
)

func TestPath(t *testing.T) {
	for _, p := range []string{"files/a.example", "files/a.example/x", "files/a.example/.x/..y/ z",
		"mail/a.example/info@a.example", "mail/a.example/info@a.example/cur/1.host:2,S"} {
		if err := Path(p); err != nil {
			t.Errorf("Path(%q) = %v", p, err)
		}
	}
	for _, p := range []string{"", "files/", "files", "/etc/passwd", "config/x", "files/a//etc/x",
		"files/a/", "files//a", "files/a/../../b", "files/..", "files/a/./b", "files/a/b\x00c", "mail/a",
		"mail/a/", "mail//b", "mail/a/../b", "databases/a/b.sql"} {
		if err := Path(p); !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "entry ") {
			t.Errorf("Path(%q) = %v, want ErrMalformed", p, err)
		}
	}
}

func dir(p string) index.Entry  { return index.Entry{Path: p, Type: index.Dir} }
func file(p string) index.Entry { return index.Entry{Path: p, Type: index.File} }
func link(p, to string) index.Entry {
	return index.Entry{Path: p, Type: index.Symlink, Link: to}
}
func ref(p, to string) index.Entry {
	return index.Entry{Path: p, Type: index.Ref, Link: to, Holder: "b1"}
}
func hard(p, to string) index.Entry {
	return index.Entry{Path: p, Type: index.Hardlink, Link: to}
}

// Each index, in index order, is refused at the entry named, or accepted when bad is "".
func TestIndexChecker(t *testing.T) {
	const d, m = "files/a.example", "mail/a.example/info@a.example"
	tests := []struct {
		name    string
		entries []index.Entry
		bad     string
		why     string
	}{
		{"sound", []index.Entry{dir(d), dir(d + "/h"), file(d + "/h/f"), hard(d+"/h/g", d+"/h/f"),
			link(d+"/h/l", "/etc"), file(d + "/i"), dir("files/b.example"), hard("files/b.example/x", d+"/i")}, "", ""},
		{"double slash", []index.Entry{dir(d), file(d + "//etc/x")}, d + "//etc/x", "empty path component"},
		{"outside files/", []index.Entry{dir(d), file("/etc/cron.d/x")}, "/etc/cron.d/x", "not a path under files/"},
		{"mailbox", []index.Entry{dir(d), dir(m), dir(m + "/cur"), file(m + "/cur/1:2,"),
			ref(m+"/cur/1:2,S", m+"/cur/1:2,")}, "", ""},
		{"mailbox top not a directory", []index.Entry{dir(d), file(m)}, m, "top"},
		{"mail path without its mailbox", []index.Entry{dir(d), dir("mail/a.example")}, "mail/a.example", "mailbox"},
		{"ref to a webspace", []index.Entry{dir(d), file(d + "/f"), dir(m), ref(m+"/x", d+"/f")}, m + "/x", "same mailbox"},
		{"ref to another mailbox", []index.Entry{dir(m), ref(m+"/x", "mail/a.example/b@a.example/y")}, m + "/x", "same mailbox"},
		{"ref in a webspace", []index.Entry{dir(d), file(d + "/f"), ref(d+"/x", d+"/f")}, d + "/x", "same mailbox"},
		{"dot-dot", []index.Entry{dir(d), file(d + "/../../x")}, d + "/../../x", `".."`},
		{"under a symlink", []index.Entry{dir(d), link(d+"/a", "/etc"), file(d + "/a/x")}, d + "/a/x", "symlink"},
		{"under a file", []index.Entry{dir(d), file(d + "/a"), file(d + "/a/x")}, d + "/a/x", "file"},
		{"no directory", []index.Entry{dir(d), file(d + "/a/x")}, d + "/a/x", "not in the backup"},
		{"top not a directory", []index.Entry{file(d)}, d, "top"},
		{"hard link outside", []index.Entry{dir(d), hard(d+"/h", "/etc/shadow")}, d + "/h", "not a path"},
		{"hard link to nothing", []index.Entry{dir(d), hard(d+"/h", d+"/z")}, d + "/h", "not a file listed"},
		{"hard link to a dir", []index.Entry{dir(d), dir(d + "/a"), hard(d+"/h", d+"/a")}, d + "/h", "not a file listed"},
		{"empty symlink", []index.Entry{dir(d), link(d+"/l", "")}, d + "/l", "empty target"},
	}
	for _, tt := range tests {
		c := NewIndexChecker()
		var got error
		for _, e := range tt.entries {
			if err := c.Check(e); err != nil && got == nil {
				got = err
			}
		}
		var re *Error
		switch {
		case tt.bad == "" && got != nil:
			t.Errorf("%s: %v", tt.name, got)
		case tt.bad != "" && (!errors.As(got, &re) || re.Path != tt.bad || !strings.Contains(re.Reason, tt.why)):
			t.Errorf("%s: err = %v, want one about %q saying %q", tt.name, got, tt.bad, tt.why)
		}
	}
}

func TestBudget(t *testing.T) {
	b := NewBudget(manifest.Manifest{Name: "b", Files: 2, Bytes: 100})
	ok := []*tar.Header{{Name: "coffre/manifest.json", Size: 900}, {Name: "config/a.json", Size: 1 << 20},
		{Name: "files/a/", Typeflag: tar.TypeDir}, {Name: "files/a/f", Size: 100}}
	for _, h := range ok {
		if err := b.Take(h); err != nil {
			t.Fatalf("%s: %v", h.Name, err)
		}
	}
	if err := b.Take(&tar.Header{Name: "files/a/g", Size: 1}); !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), `"files/a/g"`) {
		t.Errorf("over the bytes: %v", err)
	}
	b = NewBudget(manifest.Manifest{Name: "b", Files: 1, Bytes: 8 << 30})
	for i, want := range []bool{true, false} {
		if err := b.Take(&tar.Header{Name: "files/a/x"}); (err == nil) != want {
			t.Errorf("entry %d: %v", i, err)
		}
	}
	if err := b.Take(&tar.Header{Name: "config/huge", Size: MaxConfig + 1}); err == nil {
		t.Error("a huge configuration entry passes")
	}
}

// Database dumps are bounded one by one by the sizes the manifest's record declares.
func TestBudgetDumps(t *testing.T) {
	const p, q = "databases/a.example/shop.sql", "databases/a.example/blog.sql"
	m := manifest.Manifest{Name: "b", Captured: &manifest.Captured{DBs: []manifest.Database{
		{Subscription: "a.example", Name: "shop", Engine: "mysql", Path: p, Parts: 2, Size: 150},
		{Subscription: "a.example", Name: "blog", Engine: "mysql", Path: q, Size: 64, Warning: "refused"},
		{Subscription: "a.example", Name: "crm", Engine: "mysql", Warning: "no tool"},
	}}}
	b := NewBudget(m)
	for _, h := range []*tar.Header{{Name: p + ".001", Size: 100}, {Name: p + ".002", Size: 50},
		{Name: q + ".001", Size: 64}, {Name: q + ".incomplete", Size: 300}} {
		if err := b.Take(h); err != nil {
			t.Fatalf("%s: %v", h.Name, err)
		}
	}
	for _, h := range []*tar.Header{{Name: p + ".003", Size: 1}, {Name: "databases/a.example/crm.sql", Size: 1},
		{Name: p + ".incomplete", Size: 1}, {Name: "databases/a.example/x", Size: 0},
		{Name: q + ".incomplete", Size: MaxNote + 1}} {
		if err := b.Take(h); !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), h.Name) {
			t.Errorf("%s: %v, want it refused by name", h.Name, err)
		}
	}
}

// TestFileSetPastExact: past its exact part, the set of files still finds every file added,
// and takes few names that were not.
func TestFileSetPastExact(t *testing.T) {
	s := newFileSet()
	const n = exactAt + 1000
	for i := 0; i < n; i++ {
		s.add(fmt.Sprintf("files/a.example/f%d", i))
	}
	if s.bits == nil {
		t.Fatal("still exact")
	}
	wrong := 0
	for i := 0; i < n; i++ {
		if !s.has(fmt.Sprintf("files/a.example/f%d", i)) {
			t.Fatalf("f%d lost", i)
		}
		if s.has(fmt.Sprintf("files/a.example/g%d", i)) {
			wrong++
		}
	}
	if wrong > 5 {
		t.Errorf("%d of %d names not added were found", wrong, n)
	}
}
