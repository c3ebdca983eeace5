package extract

import (
	"archive/tar"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func TestCrafted(t *testing.T) {
	tests := []struct {
		name    string
		ents    func(s sandbox) []ent
		wantErr error
		naming  string // the entry the error names
	}{
		{"dot-dot", func(sandbox) []ent { return []ent{{name: "../outside/secret", body: "x"}} }, ErrUnsafe, "../outside/secret"},
		{"dot-dot inside", func(sandbox) []ent { return []ent{{name: "a/../../outside/evil", body: "x"}} }, ErrUnsafe, "a/../../outside/evil"},
		{"absolute", func(s sandbox) []ent { return []ent{{name: s.outside + "/evil", body: "x"}} }, ErrUnsafe, "/evil"},
		{"link then write through it (absolute)", func(s sandbox) []ent {
			return []ent{{name: "a", typ: tar.TypeSymlink, link: s.outside}, {name: "a/evil", body: "x"}}
		}, ErrUnsafe, "a/evil"},
		{"link then write through it (relative)", func(sandbox) []ent {
			return []ent{{name: "a", typ: tar.TypeSymlink, link: "../outside"}, {name: "a/secret", body: "x"}}
		}, ErrUnsafe, "a/secret"},
		{"link to inside, then write through it", func(sandbox) []ent {
			return []ent{{name: "b/", typ: tar.TypeDir}, {name: "a", typ: tar.TypeSymlink, link: "b"}, {name: "a/x", body: "x"}}
		}, ErrUnsafe, "a/x"},
		{"dir link then dir entry through it", func(s sandbox) []ent {
			return []ent{{name: "a", typ: tar.TypeSymlink, link: s.outside}, {name: "a/sub/", typ: tar.TypeDir}}
		}, ErrUnsafe, "a/sub/"},
		{"hard link to outside", func(s sandbox) []ent {
			return []ent{{name: "h", typ: tar.TypeLink, link: s.outside + "/secret"}}
		}, ErrUnsafe, "\"h\""},
		{"hard link through a symlink", func(sandbox) []ent {
			return []ent{{name: "a", typ: tar.TypeSymlink, link: "../outside"}, {name: "h", typ: tar.TypeLink, link: "a/secret"}}
		}, ErrUnsafe, "\"h\""},
		{"hard link with dot-dot", func(sandbox) []ent {
			return []ent{{name: "h", typ: tar.TypeLink, link: "../outside/secret"}}
		}, ErrUnsafe, "\"h\""},
		{"the target itself as a file", func(sandbox) []ent { return []ent{{name: ".", body: ""}} }, ErrUnsafe, `"."`},
		{"the target itself as a symlink", func(s sandbox) []ent {
			return []ent{{name: "x/..", typ: tar.TypeSymlink, link: s.outside}}
		}, ErrUnsafe, `"x/.."`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSandbox(t)
			_, err := s.extract(t, Options{}, tt.ents(s)...)
			var ee *EntryError
			if !errors.Is(err, tt.wantErr) || !errors.As(err, &ee) {
				t.Fatalf("err = %v, want an EntryError wrapping %v", err, tt.wantErr)
			}
			if !strings.Contains(err.Error(), tt.naming) {
				t.Errorf("error %q does not name %q", err, tt.naming)
			}
			s.untouched(t)
		})
	}
}

// NUL bytes cannot be written by archive/tar, but a reader of another format could hand them.
func TestNUL(t *testing.T) {
	for _, h := range []*tar.Header{
		{Name: "a\x00/../../outside/evil", Typeflag: tar.TypeReg},
		{Name: "l", Typeflag: tar.TypeSymlink, Linkname: "/etc\x00"},
		{Name: "h", Typeflag: tar.TypeLink, Linkname: "x\x00"},
	} {
		s := newSandbox(t)
		w, err := New(s.target, Options{})
		if err != nil {
			t.Fatal(err)
		}
		err = w.Entry(t.Context(), h, strings.NewReader(""))
		if !errors.Is(err, ErrUnsafe) || !strings.Contains(err.Error(), strconv.Quote(h.Name)) {
			t.Errorf("%q: err = %v, want ErrUnsafe naming the entry", h.Name, err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		s.untouched(t)
	}
}

// A tenant plants index.php -> outside/secret before the restore: the link is replaced by the
// restored file, and its target is untouched.
func TestPlantedSymlinkReplaced(t *testing.T) {
	s := newSandbox(t)
	index := filepath.Join(s.target, "index.php")
	if err := os.Symlink(filepath.Join(s.outside, "secret"), index); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../outside/secret", filepath.Join(s.target, "rel.php")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.extract(t, Options{}, ent{name: "index.php", body: "<?php"}, ent{name: "rel.php", body: "r"}); err != nil {
		t.Fatal(err)
	}
	if fi := lstat(t, index); !fi.Mode().IsRegular() || s.read(t, "index.php") != "<?php" {
		t.Errorf("index.php is %v, want the restored file", fi.Mode())
	}
	if s.read(t, "rel.php") != "r" {
		t.Error("rel.php not restored")
	}
	s.untouched(t)
}

// A planted directory symlink: an entry beneath it is refused; an entry for the directory
// itself replaces the link by a real directory.
func TestPlantedDirSymlink(t *testing.T) {
	s := newSandbox(t)
	if err := os.Symlink(s.outside, filepath.Join(s.target, "sub")); err != nil {
		t.Fatal(err)
	}
	_, err := s.extract(t, Options{}, ent{name: "sub/x", body: "x"})
	if !errors.Is(err, ErrUnsafe) || !strings.Contains(err.Error(), `"sub/x"`) {
		t.Fatalf("err = %v, want ErrUnsafe naming sub/x", err)
	}
	s.untouched(t)
	_, err = s.extract(t, Options{}, ent{name: "sub/", typ: tar.TypeDir, mode: 0o750}, ent{name: "sub/secret", body: "mine"})
	if err != nil {
		t.Fatal(err)
	}
	if fi := lstat(t, filepath.Join(s.target, "sub")); !fi.IsDir() || fi.Mode().Perm() != 0o750 {
		t.Errorf("sub is %v, want a directory 0750", fi.Mode())
	}
	if s.read(t, "sub/secret") != "mine" {
		t.Error("sub/secret not restored")
	}
	s.untouched(t)
}

// A hard link may only point at a file this extraction wrote, not at one planted before.
func TestHardLinkToPlantedFileRefused(t *testing.T) {
	s := newSandbox(t)
	if err := os.Link(filepath.Join(s.outside, "secret"), filepath.Join(s.target, "planted")); err != nil {
		t.Fatal(err)
	}
	_, err := s.extract(t, Options{}, ent{name: "h", typ: tar.TypeLink, link: "planted"})
	if !errors.Is(err, ErrUnsafe) {
		t.Fatalf("err = %v, want ErrUnsafe", err)
	}
	s.untouched(t)
}

func TestLimits(t *testing.T) {
	s := newSandbox(t)
	many := []ent{{name: "a", body: "1"}, {name: "b", body: "2"}, {name: "c", body: "3"}}
	if _, err := s.extract(t, Options{MaxEntries: 2}, many...); !errors.Is(err, ErrLimit) || !strings.Contains(err.Error(), `"c"`) {
		t.Errorf("MaxEntries: err = %v, want ErrLimit naming c", err)
	}
	big := ent{name: "big", body: strings.Repeat("z", 100)}
	if _, err := s.extract(t, Options{MaxBytes: 99}, big); !errors.Is(err, ErrLimit) {
		t.Errorf("MaxBytes: err = %v, want ErrLimit", err)
	}
	long := ent{name: strings.Repeat("d/", 40) + "f", body: "x"}
	if _, err := s.extract(t, Options{MaxName: 64}, long); !errors.Is(err, ErrLimit) {
		t.Errorf("MaxName: err = %v, want ErrLimit", err)
	}
	s.untouched(t)
}

// A header that announces more bytes than the stream holds fails, naming the entry, and the
// file already there stays whole: a restore cut short leaves the old file or the new one.
func TestLyingSize(t *testing.T) {
	for _, workers := range []int{1, 4} {
		s := newSandbox(t)
		old := filepath.Join(s.target, "f")
		if err := os.WriteFile(old, []byte("old content"), 0o644); err != nil {
			t.Fatal(err)
		}
		full := tarOf(t, ent{name: "f", body: strings.Repeat("y", 5000)})
		cut := full[:len(full)-1024-3000] // the header and part of the content
		w, err := New(s.target, Options{Workers: workers})
		if err != nil {
			t.Fatal(err)
		}
		err = feed(t.Context(), tar.NewReader(strings.NewReader(string(cut))), w)
		if cerr := w.Close(); err == nil {
			err = cerr
		}
		if err == nil || !strings.Contains(err.Error(), `"f"`) {
			t.Errorf("workers %d: err = %v, want an error naming f", workers, err)
		}
		if left, _ := os.ReadDir(s.target); len(left) != 1 || s.read(t, "f") != "old content" {
			t.Errorf("workers %d: left %v in the target", workers, left)
		}
	}
}
