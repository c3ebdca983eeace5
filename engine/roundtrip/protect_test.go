package roundtrip

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"coffre/engine/backup"
	"coffre/engine/manifest"
	"coffre/engine/protect"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/engine/verify"
	"coffre/internal/testtree"
)

const password = "correct horse battery staple"

// protectedChain backs up a tree twice (full, then incremental) with a password, splitting the
// archive in 1 MiB volumes, and returns the backups' names and the states they captured.
func protectedChain(t *testing.T, e *env) ([]string, []testtree.Tree) {
	root := e.roots["secret-shop.example"]
	b := testtree.New(t, root)
	t1 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	b.File("httpdocs/customers-ledger.csv", strings.Repeat("alice;42\n", 1000), 0o644, t1)
	noise := make([]byte, 6<<20) // incompressible: the archive takes several volumes
	rand.Read(noise)
	b.File("private/confidential-plans.bin", string(noise), 0o600, t1)
	b.File("zzz/last-words.txt", "after the big file", 0o644, t1)
	b.Done()
	var names []string
	var states []testtree.Tree
	capture := func(incremental bool) {
		states = append(states, testtree.Snapshot(t, root))
		sp := e.spec(incremental)
		sp.SplitMB, sp.Exclude = 1, "/tmp-excluded-folder/"
		names = append(names, e.protectedBackup(sp, password).Entry.Name)
	}
	capture(false)
	b.File("httpdocs/added-later-report.txt", "quarterly", 0o644, t1.Add(time.Hour))
	rm(t, b, "httpdocs/customers-ledger.csv")
	capture(true)
	return names, states
}

func (e *env) protectedBackup(sp spec.Backup, pw string) backup.Result {
	e.t.Helper()
	e.now = e.now.Add(time.Hour)
	key, err := protect.NewKey(pw)
	must(e.t, err)
	res, err := backup.Run(context.Background(), backup.Options{Account: e.acct, Spec: sp, Storage: e.st,
		HostKey: e.key, Clock: e.clock, Key: key})
	if err != nil {
		e.t.Fatalf("protected backup: %v", err)
	}
	return res
}

// sealed is e's storage seen through pw, as a new process sees it.
func (e *env) sealed(pw string) *protect.Store {
	key, err := protect.NewKey(pw)
	must(e.t, err)
	return protect.New(e.st, key, 0)
}

// A protected chain verifies and restores byte for byte with its password, and only with it.
func TestProtectedChain(t *testing.T) {
	e := newEnv(t, nil, "secret-shop.example")
	names, states := protectedChain(t, e)
	entries, err := backup.List(context.Background(), e.st, manifest.Keyring{Host: e.pub()})
	must(t, err)
	if len(entries) != 2 || !entries[0].Protected || entries[1].Parent != names[0] || entries[1].Status != backup.StatusOK {
		t.Fatalf("listing: %+v", entries)
	}
	for i, name := range names {
		rep, err := verify.Run(context.Background(), e.sealed(password), name, e.pub())
		if err != nil || !rep.OK() {
			t.Fatalf("verify %s: %v %+v", name, err, rep.Problems)
		}
		to := filepath.Join(t.TempDir(), "to")
		e.st = e.sealed(password)
		e.mustRestore(spec.Restore{Backup: name, To: to})
		testtree.Equal(t, states[i], testtree.Snapshot(t, filepath.Join(to, "files", "secret-shop.example")))
		e.st = e.st.(*protect.Store).Storage
	}
	if _, err := e.restore(spec.Restore{Backup: names[1], To: t.TempDir()}); !errors.Is(err, manifest.ErrLocked) {
		t.Errorf("restore without the password: %v, want ErrLocked", err)
	}
}

// The volumes are one age stream: `cat N.tar.zst.age* | age -d | zstd -d | tar -x` reads a
// protected full backup without Coffre (age asks the password on its terminal: script gives it one).
func TestProtectedReadWithAge(t *testing.T) {
	for _, tool := range []string{"age", "zstd", "tar", "script"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s not installed (Debian package %s)", tool, map[string]string{"script": "bsdutils"}[tool])
		}
	}
	e := newEnv(t, nil, "secret-shop.example")
	names, states := protectedChain(t, e)
	vols, _ := filepath.Glob(filepath.Join(e.stDir, names[0]+".tar.zst.age*"))
	if len(vols) < 3 || !strings.HasSuffix(vols[0], ".tar.zst.age.001") {
		t.Fatalf("volumes %q: want N.tar.zst.age.001, .002, ...", vols)
	}
	to := t.TempDir()
	pipeline := "cd " + e.stDir + " && cat " + names[0] + ".tar.zst.age* | age -d | zstd -d | tar -x -C " + to
	cmd := exec.Command("script", "-qec", pipeline, "/dev/null")
	cmd.Stdin = strings.NewReader(password + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", pipeline, err, out)
	}
	testtree.Equal(t, states[0], testtree.Snapshot(t, filepath.Join(to, "files", "secret-shop.example")))
}

// A wrong password is said before the backup is read: after a few kilobytes, not megabytes.
func TestProtectedWrongPasswordFailsFast(t *testing.T) {
	e := newEnv(t, nil, "secret-shop.example")
	names, _ := protectedChain(t, e)
	raw := e.st
	count := &readCounter{Storage: raw}
	key, err := protect.NewKey("not the password")
	must(t, err)
	e.st = protect.New(count, key, 0)
	_, err = e.restore(spec.Restore{Backup: names[1], To: t.TempDir()})
	if !errors.Is(err, protect.ErrWrongPassword) {
		t.Fatalf("restore with a wrong password: %v", err)
	}
	if rep, _ := verify.Run(context.Background(), e.st, names[1], e.pub()); rep.OK() ||
		!strings.Contains(rep.Problems[0].Error, protect.ErrWrongPassword.Error()) {
		t.Fatalf("verify with a wrong password: %+v", rep)
	}
	if n := count.n.Load(); n > 64<<10 {
		t.Errorf("read %d bytes before saying the password is wrong (the backup is over 6 MB)", n)
	}
	e.st = raw
	sp := e.spec(true)
	e.now = e.now.Add(time.Hour)
	_, err = backup.Run(context.Background(), backup.Options{Account: e.acct, Spec: sp, Storage: raw,
		HostKey: e.key, Clock: e.clock, Key: key})
	if !errors.Is(err, protect.ErrWrongPassword) {
		t.Fatalf("incremental with another password: %v", err)
	}
}

// Nothing stored in the clear names a path, a file or a subscription of the tree.
func TestProtectedStorageNamesNothing(t *testing.T) {
	e := newEnv(t, nil, "secret-shop.example")
	protectedChain(t, e)
	secrets := []string{"secret-shop", "customers-ledger", "confidential-plans", "added-later-report",
		"httpdocs", "private", "tmp-excluded-folder", "alice", "last-words"}
	objs, err := os.ReadDir(e.stDir)
	must(t, err)
	for _, o := range objs {
		b, err := os.ReadFile(filepath.Join(e.stDir, o.Name()))
		must(t, err)
		for _, s := range secrets {
			if bytes.Contains(b, []byte(s)) || strings.Contains(o.Name(), s) {
				t.Errorf("%s holds %q", o.Name(), s)
			}
		}
		if !strings.HasSuffix(o.Name(), manifest.ManifestSuffix) && !strings.Contains(o.Name(), manifest.SealedSuffix) {
			t.Errorf("%s is stored in the clear", o.Name())
		}
	}
}

// A restore of one file of a protected backup decrypts only the chunks that hold it: the 6 MiB
// before it are not read.
func TestProtectedRestoreOneFileSeeks(t *testing.T) {
	e := newEnv(t, nil, "secret-shop.example")
	names, _ := protectedChain(t, e)
	count := &readCounter{Storage: e.st}
	key, err := protect.NewKey(password)
	must(t, err)
	e.st = protect.New(count, key, 0)
	to := t.TempDir()
	e.mustRestore(spec.Restore{Backup: names[0], Subscriptions: []string{"secret-shop.example"},
		Paths: []string{"zzz/last-words.txt"}, To: to})
	got, err := os.ReadFile(filepath.Join(to, "files", "secret-shop.example", "zzz", "last-words.txt"))
	if err != nil || string(got) != "after the big file" {
		t.Fatalf("restored %q, %v", got, err)
	}
	if n := count.n.Load(); n > 1<<20 {
		t.Errorf("read %d bytes to restore one small file after 6 MiB", n)
	}
}

// readCounter counts the bytes read from the objects it opens.
type readCounter struct {
	storage.Storage
	n atomic.Int64
}

func (c *readCounter) Open(ctx context.Context, name string) (io.ReadCloser, error) {
	rc, err := c.Storage.Open(ctx, name)
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{readFunc(func(p []byte) (int, error) { k, err := rc.Read(p); c.n.Add(int64(k)); return k, err }), rc}, nil
}

// OpenAt reads from off without reading what comes before (as the Local storage does).
func (c *readCounter) OpenAt(ctx context.Context, name string, off int64) (io.ReadCloser, error) {
	rc, err := c.Storage.(storage.RangeOpener).OpenAt(ctx, name, off)
	if err != nil {
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{readFunc(func(p []byte) (int, error) { k, err := rc.Read(p); c.n.Add(int64(k)); return k, err }), rc}, nil
}

type readFunc func([]byte) (int, error)

func (f readFunc) Read(p []byte) (int, error) { return f(p) }

// The frames of a protected backup carry no SHA-256 of their own: age authenticates what a
// one-file restore decrypts, and a changed byte in the piece that holds the file fails it.
func TestProtectedRestoreOneFileCatchesAChangedByte(t *testing.T) {
	e := newEnv(t, nil, "secret-shop.example")
	names, _ := protectedChain(t, e)
	pieces, err := filepath.Glob(filepath.Join(e.stDir, names[0]+".tar.zst.age*"))
	must(t, err)
	if len(pieces) < 2 {
		t.Fatalf("pieces %v, want several", pieces)
	}
	last := pieces[len(pieces)-1]
	b, err := os.ReadFile(last)
	must(t, err)
	b[len(b)-40] ^= 0x01
	must(t, os.WriteFile(last, b, 0o600))
	e.st = e.sealed(password)
	to := t.TempDir()
	_, err = e.restore(spec.Restore{Backup: names[0], Subscriptions: []string{"secret-shop.example"},
		Paths: []string{"zzz/last-words.txt"}, To: to})
	if err == nil {
		t.Fatal("the restore read a changed piece without an error")
	}
	if _, err := os.Stat(filepath.Join(to, "files", "secret-shop.example", "zzz", "last-words.txt")); err == nil {
		t.Error("the file was restored from a changed piece")
	}
}
