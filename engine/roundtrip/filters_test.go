package roundtrip

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"coffre/engine/spec"
)

// --subscription and --path restore only what they name; inside it the backup's state comes
// back exactly, outside it nothing changes.
func TestRestoreFilters(t *testing.T) {
	e := newEnv(t, nil, "acme.example", "shop.example")
	acme := newBuilder(t, e.roots["acme.example"])
	acme.file("httpdocs/sub/page.php", "page", 0o644, tNs)
	acme.file("httpdocs/sub/deep/x.txt", "x", 0o644, tNs)
	acme.file("httpdocs/other.php", "other", 0o644, tNs)
	acme.file("httpdocs/group/one", "shared", 0o644, tNs)
	acme.link("httpdocs/group/one", "httpdocs/sub/linked")
	acme.done()
	shop := newBuilder(t, e.roots["shop.example"])
	shop.file("httpdocs/cart.php", "cart", 0o644, tNs)
	wantSub := snapshot(t, acme.path("httpdocs/sub"))
	name := e.backup(e.spec(false)).Entry.Name

	acme.file("httpdocs/sub/page.php", "changed", 0o644, tNs)
	acme.file("httpdocs/sub/added.php", "added", 0o644, tNs)
	rm(t, acme, "httpdocs/sub/deep", "httpdocs/sub/linked")
	acme.file("httpdocs/other.php", "changed outside the path", 0o644, tNs)
	shop.file("httpdocs/cart.php", "changed in another subscription", 0o644, tNs)
	wantShop := snapshot(t, e.roots["shop.example"])
	wantOther := snapshot(t, acme.path("httpdocs/other.php"))

	res := e.mustRestore(spec.Restore{Backup: name, Subscriptions: []string{"acme.example"}, Paths: []string{"httpdocs/sub"}})
	got := snapshot(t, acme.path("httpdocs/sub"))
	for _, n := range []string{"linked"} { // its group's other name is outside the path
		w := wantSub[n]
		w.Group = ""
		wantSub[n] = w
	}
	sameTree(t, wantSub, got)
	sameTree(t, wantOther, snapshot(t, acme.path("httpdocs/other.php")))
	sameTree(t, wantShop, snapshot(t, e.roots["shop.example"]))
	if res.Removed != 1 {
		t.Errorf("removed %d paths, want 1 (sub/added.php)", res.Removed)
	}
}

// What the backup could not have captured is not removed by a restore in place: paths its
// exclusions left out, log files, FIFOs.
func TestPruneSparesUncaptured(t *testing.T) {
	e := newEnv(t, nil, "acme.example")
	b := newBuilder(t, e.roots["acme.example"])
	b.file("httpdocs/index.php", "<?php", 0o644, tNs)
	b.file("httpdocs/cache/c1", "cached", 0o644, tNs)
	b.file("logs/access_log", "GET /", 0o644, tNs)
	b.file("httpdocs/error.log", "oops", 0o644, tNs)
	must(t, syscall.Mkfifo(b.path("httpdocs/fifo"), 0o644))
	s := e.spec(false)
	s.Exclude, s.ExcludeLogs = "/httpdocs/cache", true
	name := e.backup(s).Entry.Name

	b.file("httpdocs/cache/c2", "cached later", 0o644, tNs)
	b.file("logs/error_log", "later", 0o644, tNs)
	b.file("httpdocs/planted.php", "removed by the restore", 0o644, tNs)
	e.mustRestore(spec.Restore{Backup: name})
	for _, keep := range []string{"httpdocs/cache/c1", "httpdocs/cache/c2", "logs/access_log", "logs/error_log", "httpdocs/error.log", "httpdocs/fifo"} {
		if _, err := os.Lstat(b.path(keep)); err != nil {
			t.Errorf("%s: %v", keep, err)
		}
	}
	if _, err := os.Lstat(b.path("httpdocs/planted.php")); !os.IsNotExist(err) {
		t.Errorf("planted.php not removed: %v", err)
	}
	if _, err := os.Lstat(filepath.Join(b.root, "httpdocs/index.php")); err != nil {
		t.Error(err)
	}
}
