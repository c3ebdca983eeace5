package extract

import (
	"archive/tar"
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestAttributes(t *testing.T) {
	old := time.Date(1961, 4, 12, 6, 7, 0, 987654321, time.UTC)
	for _, workers := range []int{1, 0} {
		s := newSandbox(t)
		_, err := s.extract(t, Options{Workers: workers},
			ent{name: "locked/", typ: tar.TypeDir, mode: m0000, mt: old},
			ent{name: "locked/inner", body: "in", mode: 0o2755, gid: 1000},
			ent{name: "empty/", typ: tar.TypeDir, mode: 0o1777},
			ent{name: "zero", body: "", mode: m0000, mt: old},
			ent{name: "link", typ: tar.TypeSymlink, link: "/etc/passwd", mt: old},
			ent{name: "deep/a/b/c/file\nwith newline", body: "n"},
		)
		t.Cleanup(func() { os.Chmod(filepath.Join(s.target, "locked"), 0o700) })
		if err != nil {
			t.Fatal(err)
		}
		checks := []struct {
			rel  string
			mode os.FileMode
			mt   time.Time
		}{
			{"locked", os.ModeDir | 0o000, old},
			{"locked/inner", os.ModeSetgid | 0o755, t0},
			{"empty", os.ModeDir | os.ModeSticky | 0o777, t0},
			{"zero", 0, old},
			{"link", os.ModeSymlink | 0o777, old},
			{"deep/a/b/c/file\nwith newline", 0o644, t0},
		}
		for i, c := range checks {
			if i == 1 { // let a non-root test look inside the 0000 directory
				os.Chmod(filepath.Join(s.target, "locked"), 0o700)
			}
			fi := lstat(t, filepath.Join(s.target, c.rel))
			if fi.Mode() != c.mode || !fi.ModTime().Equal(c.mt) {
				t.Errorf("workers %d: %q: %v %v, want %v %v", workers, c.rel, fi.Mode(), fi.ModTime(), c.mode, c.mt)
			}
		}
		if got, _ := os.Readlink(filepath.Join(s.target, "link")); got != "/etc/passwd" {
			t.Errorf("link -> %q", got)
		}
		s.untouched(t)
	}
}

func TestHardLinks(t *testing.T) {
	s := newSandbox(t)
	_, err := s.extract(t, Options{},
		ent{name: "a/first", body: "shared"},
		ent{name: "b/second", typ: tar.TypeLink, link: "a/first"},
		ent{name: "third", typ: tar.TypeLink, link: "a/first"},
	)
	if err != nil {
		t.Fatal(err)
	}
	first := lstat(t, filepath.Join(s.target, "a/first"))
	for _, rel := range []string{"b/second", "third"} {
		if fi := lstat(t, filepath.Join(s.target, rel)); !os.SameFile(first, fi) {
			t.Errorf("%s is not a hard link of a/first", rel)
		}
	}
	if n := first.Sys().(*syscall.Stat_t).Nlink; n != 3 {
		t.Errorf("nlink = %d, want 3", n)
	}
}

// A dirty target: each entry replaces what stands at its name, whatever its type.
func TestReplaces(t *testing.T) {
	s := newSandbox(t)
	mk := func(rel, body string) {
		p := filepath.Join(s.target, rel)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	mk("was-dir/child", "c")
	mk("was-file", "f")
	mk("same", "old content")
	w, err := New(s.target, Options{})
	if err != nil {
		t.Fatal(err)
	}
	err = feed(t.Context(), tar.NewReader(bytes.NewReader(tarOf(t,
		ent{name: "was-dir", body: "now a file"},
		ent{name: "was-file/", typ: tar.TypeDir, mode: 0o755},
		ent{name: "was-file/x", body: "x"},
		ent{name: "same", body: "new"},
		ent{name: "twice/", typ: tar.TypeDir, mode: 0o755},
		ent{name: "twice/y", body: "y"},
		ent{name: "twice", body: "last wins"},
		ent{name: "dup", body: "one"},
		ent{name: "dup", body: "two"},
		ent{name: "implicit/x", body: "x"},
		ent{name: "implicit", body: "a file where a directory was made"},
		ent{name: "implicit/", typ: tar.TypeDir, mode: 0o755},
		ent{name: "implicit/z", body: "z"},
	))), w)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"was-dir": "now a file", "was-file/x": "x", "same": "new", "twice": "last wins",
		"dup": "two", "implicit/z": "z"}
	for rel, body := range want {
		if got := s.read(t, rel); got != body {
			t.Errorf("%s = %q, want %q", rel, got, body)
		}
	}
	if _, err := os.Lstat(filepath.Join(s.target, "implicit/x")); !os.IsNotExist(err) {
		t.Errorf("implicit/x survived its directory's replacement: %v", err)
	}
	assertNoTemp(t, s.target)
}

func TestPathLess(t *testing.T) {
	sorted := []string{".", "a", "a/b", "a/b/c", "a/c", "a.b", "a0", "b"}
	for i := range sorted {
		for j := range sorted {
			if got := pathLess(sorted[i], sorted[j]); got != (i < j) {
				t.Errorf("pathLess(%q, %q) = %v", sorted[i], sorted[j], got)
			}
		}
	}
}

func assertNoTemp(t *testing.T, dir string) {
	t.Helper()
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if strings.HasPrefix(fi.Name(), ".coffre-") {
			t.Errorf("temporary file left: %s", p)
		}
		return nil
	})
}

func TestSparse(t *testing.T) {
	s := newSandbox(t)
	size := int64(64 << 20)
	data := make([]byte, size)
	copy(data[10<<20:], "island")
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	tw.WriteHeader(&tar.Header{Name: "sparse", Typeflag: tar.TypeReg, Size: size, Mode: 0o600, ModTime: t0})
	tw.Write(data)
	tw.Close()
	if _, err := Extract(t.Context(), &buf, s.target, Options{}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(filepath.Join(s.target, "sparse"))
	if err != nil || !bytes.Equal(got, data) {
		t.Fatalf("content differs (%v)", err)
	}
	fi := lstat(t, filepath.Join(s.target, "sparse"))
	if blocks := fi.Sys().(*syscall.Stat_t).Blocks * 512; blocks > 1<<20 {
		t.Errorf("%d bytes allocated for a file of 6 bytes of data", blocks)
	}
}

func TestSpecialFilesSkipped(t *testing.T) {
	s := newSandbox(t)
	var warned []string
	st, err := s.extract(t, Options{Warn: func(name string, err error) { warned = append(warned, name) }},
		ent{name: "fifo", typ: tar.TypeFifo},
		ent{name: "dev", typ: tar.TypeChar},
		ent{name: "ok", body: "ok"},
	)
	if err != nil {
		t.Fatal(err)
	}
	if st.Skipped != 2 || len(warned) != 2 || warned[0] != "fifo" || warned[1] != "dev" {
		t.Errorf("skipped %d, warned %q", st.Skipped, warned)
	}
	if _, err := os.Lstat(filepath.Join(s.target, "fifo")); !os.IsNotExist(err) {
		t.Errorf("fifo created: %v", err)
	}
}
