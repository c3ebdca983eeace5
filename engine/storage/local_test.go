package storage

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestNewLocalCreatesPrivateFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data", "storage", "acme")
	s, err := NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(dir)
	if err != nil || info.Mode().Perm() != 0o700 {
		t.Fatalf("folder: %v, %v; want mode 0700", info, err)
	}
	if _, err := s.Put(t.Context(), "n.tar.zst", strings.NewReader("secret")); err != nil {
		t.Fatal(err)
	}
	info, err = os.Stat(filepath.Join(dir, "n.tar.zst"))
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("object: %v, %v; want mode 0600", info, err)
	}
}

// A Put in progress writes only a temporary file, which nobody sees.
func TestLocalPutInProgressIsInvisible(t *testing.T) {
	dir := t.TempDir()
	s, err := NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	done := make(chan error)
	go func() {
		_, err := s.Put(t.Context(), "n.tar.zst", pr)
		done <- err
	}()
	if _, err := pw.Write(bytes.Repeat([]byte("x"), 1<<20)); err != nil {
		t.Fatal(err)
	}
	if temps := tempFiles(t, dir); len(temps) != 1 {
		t.Fatalf("temporary files during Put: %q, want one", temps)
	}
	assertInvisible(t, s, "n.tar.zst")
	pw.CloseWithError(errors.New("killed"))
	if err := <-done; err == nil {
		t.Fatal("Put with a broken reader succeeded")
	}
	if temps := tempFiles(t, dir); len(temps) != 0 {
		t.Fatalf("temporary files after a failed Put: %q", temps)
	}
}

// A process killed mid-Put leaves a temporary file: never listed, swept by NewLocal once stale.
func TestLocalSweepsStaleTempFiles(t *testing.T) {
	dir := t.TempDir()
	stale := filepath.Join(dir, tempPrefix+"n.tar.zst-123456")
	fresh := filepath.Join(dir, tempPrefix+"m.tar.zst-654321")
	for _, p := range []string{stale, fresh} {
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	old := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(stale, old, old); err != nil {
		t.Fatal(err)
	}
	s, err := NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	assertInvisible(t, s, "n.tar.zst")
	assertInvisible(t, s, "m.tar.zst")
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("stale temporary file not swept: %v", err)
	}
	if _, err := os.Stat(fresh); err != nil {
		t.Errorf("fresh temporary file (maybe a running upload) removed: %v", err)
	}
}

// Files that are not objects (subfolders, symlinks, other dot-files) are never listed.
func TestLocalIgnoresForeignEntries(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "sub"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/etc/passwd", filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".keep"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err := NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	if infos, err := s.List(t.Context(), ""); err != nil || len(infos) != 0 {
		t.Fatalf("List = %+v, %v; want nothing", infos, err)
	}
	for _, name := range []string{"sub", "link"} {
		if rc, err := s.Open(t.Context(), name); err == nil {
			rc.Close()
			t.Errorf("Open(%s) succeeded", name)
		}
		if _, err := s.Stat(t.Context(), name); !errors.Is(err, ErrNotFound) {
			t.Errorf("Stat(%s): %v, want ErrNotFound", name, err)
		}
	}
}

func tempFiles(t *testing.T, dir string) []string {
	t.Helper()
	m, err := filepath.Glob(filepath.Join(dir, tempPrefix+"*"))
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func assertInvisible(t *testing.T, s *Local, name string) {
	t.Helper()
	if infos, err := s.List(t.Context(), ""); err != nil || len(infos) != 0 {
		t.Fatalf("List = %+v, %v; want nothing", infos, err)
	}
	if _, err := s.Stat(t.Context(), name); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Stat(%s): %v, want ErrNotFound", name, err)
	}
}

// An object several times the writeback step is stored whole and byte for byte.
func TestLocalPutLargeObject(t *testing.T) {
	s, err := NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	want := make([]byte, 3*writebackEvery+12345)
	for i := range want {
		want[i] = byte(i*7 + i>>13)
	}
	// A reader that is no WriterTo: the object comes through the copy buffer.
	n, err := s.Put(t.Context(), "big.tar.zst", struct{ io.Reader }{bytes.NewReader(want)})
	if err != nil || n != int64(len(want)) {
		t.Fatalf("Put = %d, %v", n, err)
	}
	rc, err := s.Open(t.Context(), "big.tar.zst")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	got, err := io.ReadAll(rc)
	if err != nil || !bytes.Equal(got, want) {
		t.Fatalf("read back %d bytes (%v), want the %d bytes stored", len(got), err, len(want))
	}
}
