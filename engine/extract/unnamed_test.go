package extract

import (
	"archive/tar"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
)

// Files replace what stands at their names (a file, a directory, a symlink, which is never
// followed), whether they are made without a name and linked, or written under temporary names
// (file systems without O_TMPFILE), linked by descriptor or through /proc, small or large.
func TestReplaceExisting(t *testing.T) {
	big := bigBody()
	for _, mode := range []struct{ named, viaProc bool }{{false, false}, {false, true}, {true, false}} {
		named := mode.named
		s := newSandbox(t)
		os.WriteFile(filepath.Join(s.target, "file"), []byte("old"), 0o644)
		os.MkdirAll(filepath.Join(s.target, "dir/inner"), 0o755)
		os.Symlink(filepath.Join(s.outside, "secret"), filepath.Join(s.target, "link"))
		os.Symlink(filepath.Join(s.outside, "secret"), filepath.Join(s.target, "biglink"))
		w, err := New(s.target, Options{})
		if err != nil {
			t.Fatal(err)
		}
		w.named.Store(named)
		w.viaProc.Store(mode.viaProc)
		arch := tarOf(t, ent{name: "file", body: "new"}, ent{name: "dir", body: "was a dir"},
			ent{name: "link", body: "was a link"}, ent{name: "biglink", body: big}, ent{name: "fresh", body: "f"})
		err = feedAll(w, arch)
		if err != nil {
			t.Fatalf("%+v: %v", mode, err)
		}
		for rel, want := range map[string]string{"file": "new", "dir": "was a dir", "link": "was a link", "biglink": big, "fresh": "f"} {
			if fi := lstat(t, filepath.Join(s.target, rel)); !fi.Mode().IsRegular() || s.read(t, rel) != want {
				t.Errorf("%+v: %s: %v, content differs", mode, rel, fi.Mode())
			}
		}
		assertNoTemp(t, s.target)
		s.untouched(t)
	}
}

func feedAll(w *Writer, arch []byte) error {
	err := feed(context.Background(), tar.NewReader(bytes.NewReader(arch)), w)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}
