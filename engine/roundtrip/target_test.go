package roundtrip

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"golang.org/x/sys/unix"

	"coffre/engine/extract"
	"coffre/engine/spec"
	"coffre/internal/testtree"
)

// targetEnv is a client with one webspace holding a backed-up file, and a folder outside every
// webspace whose content the tests check is never changed.
func targetEnv(t *testing.T) (e *env, root, name, out string, untouched func(), want testtree.Tree) {
	t.Helper()
	e = newEnv(t, nil, "acme.example")
	root = e.roots["acme.example"]
	b := testtree.New(t, root)
	b.File("httpdocs/index.php", "<?php", 0o644, testtree.Recent)
	b.File("httpdocs/sub/page.php", "page", 0o644, testtree.Recent)
	b.Done()
	want = testtree.Snapshot(t, root)
	name = e.backup(e.spec(false)).Entry.Name
	out, untouched = outside(t)
	return e, root, name, out, untouched, want
}

// The administrator restores --to a folder of the webspace in which the tenant made a component
// a symlink to a folder outside: refused, naming the link; nothing is written outside.
func TestRestoreToPlantedLink(t *testing.T) {
	e, root, name, out, untouched, want := targetEnv(t)
	must(t, os.MkdirAll(filepath.Join(root, "a"), 0o755))
	must(t, os.Symlink(out, filepath.Join(root, "restored")))
	must(t, os.Symlink(out, filepath.Join(root, "a", "b")))
	for _, to := range []string{"restored", "restored/sub", "a/b/c", "a/b"} {
		_, err := e.restore(spec.Restore{Backup: name, To: filepath.Join(root, to)})
		link := strings.Split(to, "/")[0]
		if to[0] == 'a' {
			link = "a/b"
		}
		if !errors.Is(err, extract.ErrUnsafe) || !strings.Contains(err.Error(), link) {
			t.Errorf("--to %s: err = %v, want ErrUnsafe naming %s", to, err, link)
		}
		untouched()
	}
	// The same folders made real: the restore writes there.
	for _, p := range []string{"restored", "a/b"} {
		must(t, os.Remove(filepath.Join(root, p)))
	}
	to := filepath.Join(root, "restored", "sub")
	e.mustRestore(spec.Restore{Backup: name, To: to})
	testtree.Equal(t, want, testtree.Snapshot(t, filepath.Join(to, "files", "acme.example")))
}

// An administrator's folder outside any webspace is opened from "/", without following a link.
func TestRestoreToOutsideThroughLink(t *testing.T) {
	e, _, name, out, untouched, _ := targetEnv(t)
	link := filepath.Join(t.TempDir(), "link")
	must(t, os.Symlink(out, link))
	_, err := e.restore(spec.Restore{Backup: name, To: filepath.Join(link, "x")})
	if !errors.Is(err, extract.ErrUnsafe) || !strings.Contains(err.Error(), "link") {
		t.Errorf("err = %v, want ErrUnsafe naming the link", err)
	}
	untouched()
}

// The tenant swaps its folder "drop" with a symlink to a folder outside, thousands of times a
// second, while the administrator restores into drop/sub again and again: each restore writes
// into the real folder or is refused; nothing is ever written outside.
func TestRestoreToRacingLink(t *testing.T) {
	e, root, name, out, untouched, _ := targetEnv(t)
	drop, alt := filepath.Join(root, "drop"), filepath.Join(root, "alt")
	must(t, os.Mkdir(drop, 0o755))
	must(t, os.Symlink(out, alt))
	var swaps atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		for {
			select {
			case <-stop:
				return
			default:
			}
			// Atomic: drop is always either the real folder or the link.
			if err := unix.Renameat2(unix.AT_FDCWD, alt, unix.AT_FDCWD, drop, unix.RENAME_EXCHANGE); err != nil {
				t.Error(err)
				return
			}
			swaps.Add(1)
		}
	})
	refused, leaked := 0, 0
	const runs = 150
	for range runs {
		_, err := e.restore(spec.Restore{Backup: name, To: filepath.Join(drop, "sub")})
		if err != nil && !errors.Is(err, extract.ErrUnsafe) {
			t.Errorf("err = %v, want nil or ErrUnsafe", err)
		}
		if err != nil {
			refused++
		}
		if _, err := os.Lstat(filepath.Join(out, "sub")); err == nil {
			leaked++
			must(t, os.RemoveAll(filepath.Join(out, "sub")))
		}
	}
	close(stop)
	wg.Wait()
	t.Logf("%d restores, %d refused, %d swaps", runs, refused, swaps.Load())
	if leaked > 0 {
		t.Errorf("%d restores of %d wrote outside the webspace", leaked, runs)
	}
	untouched()
}
