package extract

import (
	"archive/tar"
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// ent is one entry of a test archive.
type ent struct {
	name string
	typ  byte
	body string
	link string
	mode int64
	mt   time.Time
	size int64 // when not -1 and set, the header's (lying) size
	uid  int
	gid  int
}

// m0000 asks for mode 0000 (0 means the default, 0644).
const m0000 = -1

var t0 = time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)

func tarOf(t testing.TB, ents ...ent) []byte {
	t.Helper()
	var buf bytes.Buffer
	tw := tar.NewWriter(&buf)
	for _, e := range ents {
		h := &tar.Header{Name: e.name, Typeflag: e.typ, Linkname: e.link, Mode: e.mode,
			ModTime: e.mt, Size: int64(len(e.body)), Uid: e.uid, Gid: e.gid, Format: tar.FormatPAX}
		if h.Typeflag == 0 {
			h.Typeflag = tar.TypeReg
		}
		switch h.Mode {
		case 0:
			h.Mode = 0o644
		case m0000:
			h.Mode = 0
		}
		if h.ModTime.IsZero() {
			h.ModTime = t0
		}
		if h.Typeflag != tar.TypeReg {
			h.Size = 0
		}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(e.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// sandbox is a temporary folder holding the target "t" and an "outside" folder with a secret
// that no extraction may touch.
type sandbox struct {
	dir, target, outside string
}

func newSandbox(t testing.TB) sandbox {
	t.Helper()
	dir := t.TempDir()
	s := sandbox{dir: dir, target: filepath.Join(dir, "t"), outside: filepath.Join(dir, "outside")}
	for _, d := range []string{s.target, s.outside} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(s.outside, "secret"), []byte("secret"), 0o644); err != nil {
		t.Fatal(err)
	}
	return s
}

// untouched fails the test if anything but t and outside/secret exists in the sandbox, or the
// secret changed.
func (s sandbox) untouched(t testing.TB) {
	t.Helper()
	var got []string
	filepath.WalkDir(s.dir, func(p string, d fs.DirEntry, err error) error {
		rel, _ := filepath.Rel(s.dir, p)
		if rel == "t" {
			return filepath.SkipDir
		}
		got = append(got, rel)
		return nil
	})
	want := []string{".", "outside", "outside/secret"}
	if len(got) != len(want) || got[1] != want[1] || got[2] != want[2] {
		t.Fatalf("sandbox outside the target: %q, want %q", got, want)
	}
	b, err := os.ReadFile(filepath.Join(s.outside, "secret"))
	if err != nil || string(b) != "secret" {
		t.Fatalf("secret changed: %q %v", b, err)
	}
}

func (s sandbox) extract(t testing.TB, opts Options, ents ...ent) (Stats, error) {
	t.Helper()
	return Extract(context.Background(), bytes.NewReader(tarOf(t, ents...)), s.target, opts)
}

func (s sandbox) read(t testing.TB, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(s.target, rel))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func lstat(t testing.TB, p string) os.FileInfo {
	t.Helper()
	fi, err := os.Lstat(p)
	if err != nil {
		t.Fatal(err)
	}
	return fi
}
