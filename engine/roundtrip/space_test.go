package roundtrip

import (
	"context"
	"crypto/rand"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"coffre/engine/backup"
	"coffre/engine/manifest"
	"coffre/engine/storage"
	"coffre/internal/testtree"
)

// smallFS mounts a tmpfs of size bytes for the test (root only: CI runs as root).
func smallFS(t *testing.T, size string) string {
	t.Helper()
	dir := t.TempDir()
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size+",mode=0700", "tmpfs", dir).CombinedOutput()
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("cannot mount a tmpfs (CI runs as root): %v %s", err, out)
		}
		t.Skipf("cannot mount a tmpfs (not root?): %v %s", err, out)
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

func random(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return string(b)
}

// A backup that does not fit is refused before it writes; one that fills the file system as it
// writes fails cleanly (nothing listed, nothing left, the earlier backups sound); once space is
// freed the next one succeeds and verifies.
func TestDiskFull(t *testing.T) {
	fs := smallFS(t, "16m")
	st, err := storage.NewLocal(filepath.Join(fs, "acme"))
	must(t, err)
	e := newEnv(t, st, "shop.example")
	e.stDir = filepath.Join(fs, "acme")
	root := e.roots["shop.example"]
	b := testtree.New(t, root)
	mt := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	b.File("httpdocs/big.bin", random(20<<20), 0o644, mt)
	b.Done()

	// No previous backup: the estimate is the content itself, 20 MiB into 16.
	_, err = e.tryBackup(e.spec(false), st)
	var se *storage.SpaceError
	if !errors.As(err, &se) || !strings.Contains(err.Error(), "not enough free space: about 2") ||
		!strings.Contains(err.Error(), " free in "+e.stDir) {
		t.Fatalf("backup of 20 MiB into 16: %v, want a refusal naming the sizes", err)
	}
	noObjects(t, e, nil)

	// Compressible content makes a tiny first backup: its ratio then underestimates random data.
	must(t, os.WriteFile(b.Path("httpdocs/big.bin"), make([]byte, 10<<20), 0o644))
	first := e.backup(e.spec(false)).Entry.Name
	must(t, os.WriteFile(b.Path("httpdocs/big.bin"), []byte(random(20<<20)), 0o644))
	e.now = e.now.Add(time.Hour)
	if _, err := e.tryBackup(e.spec(false), st); !errors.Is(err, storage.ErrNoSpace) {
		t.Fatalf("backup filling the file system: %v, want ErrNoSpace", err)
	}
	noObjects(t, e, []string{first})
	e.verify(first)

	// The minimum free space is kept: a backup that would leave less is refused.
	must(t, os.WriteFile(b.Path("httpdocs/big.bin"), []byte(random(6<<20)), 0o644))
	e.now = e.now.Add(time.Hour)
	_, err = backup.Run(context.Background(), backup.Options{Account: e.acct, Spec: e.spec(false), Storage: st,
		HostKey: e.key, Clock: e.clock, MinFree: 15 << 20})
	if !errors.As(err, &se) {
		t.Fatalf("backup leaving less than the minimum free: %v", err)
	}
	second := e.backup(e.spec(false)).Entry.Name
	noObjects(t, e, []string{first, second})
}

// noObjects checks that the storage holds the objects of backups only, and nothing else.
func noObjects(t *testing.T, e *env, backups []string) {
	t.Helper()
	entries, err := os.ReadDir(e.stDir)
	must(t, err)
	for _, en := range entries {
		n, ok := manifest.BackupOf(en.Name())
		if !ok || !contains(backups, n) {
			t.Errorf("left in the storage: %s", en.Name())
		}
	}
	list, err := backup.List(context.Background(), e.st, manifest.Keyring{Host: e.pub()})
	must(t, err)
	if len(list) != len(backups) {
		t.Errorf("listed %d backups, want %d: %+v", len(list), len(backups), list)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// The free-space check counts what a sparse file holds, not its holes: an 8 GiB sparse file
// with 4 KiB of data backs up into a 16 MiB file system.
func TestSparseFileFitsASmallDisk(t *testing.T) {
	fs := smallFS(t, "16m")
	st, err := storage.NewLocal(filepath.Join(fs, "acme"))
	must(t, err)
	e := newEnv(t, st, "shop.example")
	e.stDir = filepath.Join(fs, "acme")
	makeSparse(t, filepath.Join(e.roots["shop.example"], "httpdocs", "disk.img"), 1<<30)
	name := e.backup(e.spec(false)).Entry.Name
	e.verify(name)
}
