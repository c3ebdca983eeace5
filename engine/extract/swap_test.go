package extract

import (
	"archive/tar"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// A tenant swaps a symlink in for a directory while the restore runs, between two entries:
// whatever the link points at, nothing outside the target is written or linked to, and a hard
// link never ends up on a file that this restore did not write. Were a write to resolve the
// path from the target by name instead of through the directories' os.Root, the outside would
// change.
func TestDirectorySwappedForSymlink(t *testing.T) {
	tests := []struct {
		name    string
		link    func(s sandbox) string
		evicted bool // the writer no longer holds d open: it must look d up again
	}{
		{"absolute link out", func(s sandbox) string { return s.outside }, false},
		{"relative link out", func(sandbox) string { return "../outside" }, false},
		{"link to a planted directory", func(sandbox) string { return "planted" }, false},
		{"absolute link out, evicted", func(s sandbox) string { return s.outside }, true},
		{"relative link out, evicted", func(sandbox) string { return "../outside" }, true},
	}
	for _, tt := range tests {
		for _, workers := range []int{1, 4} {
			t.Run(fmt.Sprintf("%s, %d workers", tt.name, workers), func(t *testing.T) {
				s := newSandbox(t)
				planted := filepath.Join(s.target, "planted", "secret")
				os.Mkdir(filepath.Dir(planted), 0o755)
				if err := os.WriteFile(planted, []byte("planted"), 0o644); err != nil {
					t.Fatal(err)
				}
				w, err := New(s.target, Options{Workers: workers})
				if err != nil {
					t.Fatal(err)
				}
				entry(t, w, ent{name: "d/secret", body: "mine"})
				if err := w.Flush(); err != nil {
					t.Fatal(err)
				}
				d := filepath.Join(s.target, "d")
				if err := os.Rename(d, filepath.Join(s.target, "moved")); err != nil {
					t.Fatal(err)
				}
				if err := os.Symlink(tt.link(s), d); err != nil {
					t.Fatal(err)
				}
				if tt.evicted {
					w.dirs.invalidate("d")
				}
				for _, e := range []ent{
					{name: "d/evil", body: "evil"},
					{name: "d/secret", body: "evil"},
					{name: "d/sub/", typ: tar.TypeDir, mode: 0o777},
					{name: "d/sub/evil", body: "evil"},
					{name: "d/l", typ: tar.TypeSymlink, link: "x"},
				} {
					err := w.Entry(t.Context(), header(t, e), strings.NewReader(e.body))
					if tt.evicted && !errors.Is(err, ErrUnsafe) {
						t.Errorf("%s through a symlink: err = %v, want ErrUnsafe", e.name, err)
					}
				}
				err = w.Entry(t.Context(), header(t, ent{name: "h", typ: tar.TypeLink, link: "d/secret"}), nil)
				if err == nil {
					t.Error("hard link through the swapped directory succeeded")
				}
				w.Close()
				s.untouched(t)
				for _, p := range []string{filepath.Join(s.outside, "secret"), planted} {
					if n := lstat(t, p).Sys().(*syscall.Stat_t).Nlink; n != 1 {
						t.Errorf("%s has %d links, want 1", p, n)
					}
				}
				if fi, err := os.Lstat(filepath.Join(s.target, "planted", "evil")); err == nil {
					t.Errorf("planted/evil written through the link: %v", fi.Mode())
				}
			})
		}
	}
}

// entry writes one entry, which must succeed.
func entry(t *testing.T, w *Writer, e ent) {
	t.Helper()
	if err := w.Entry(t.Context(), header(t, e), strings.NewReader(e.body)); err != nil {
		t.Fatal(err)
	}
}

// header is the tar header of e, as tarOf writes it.
func header(t *testing.T, e ent) *tar.Header {
	t.Helper()
	tr := tar.NewReader(strings.NewReader(string(tarOf(t, e))))
	h, err := tr.Next()
	if err != nil {
		t.Fatal(err)
	}
	return h
}
