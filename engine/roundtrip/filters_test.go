package roundtrip

import (
	"os"
	"syscall"
	"testing"

	"coffre/engine/spec"
	"coffre/internal/testtree"
)

// --subscription and --path restore only what they name; inside it the backup's state comes
// back exactly, outside it nothing changes.
func TestRestoreFilters(t *testing.T) {
	e := newEnv(t, nil, "acme.example", "shop.example")
	acme := testtree.New(t, e.roots["acme.example"])
	acme.File("httpdocs/sub/page.php", "page", 0o644, testtree.Recent)
	acme.File("httpdocs/sub/deep/x.txt", "x", 0o644, testtree.Recent)
	acme.File("httpdocs/other.php", "other", 0o644, testtree.Recent)
	acme.File("httpdocs/group/one", "shared", 0o644, testtree.Recent)
	acme.Link("httpdocs/group/one", "httpdocs/sub/linked")
	acme.Done()
	shop := testtree.New(t, e.roots["shop.example"])
	shop.File("httpdocs/cart.php", "cart", 0o644, testtree.Recent)
	wantSub := testtree.Snapshot(t, acme.Path("httpdocs/sub"))
	name := e.backup(e.spec(false)).Entry.Name

	acme.File("httpdocs/sub/page.php", "changed", 0o644, testtree.Recent)
	acme.File("httpdocs/sub/added.php", "added", 0o644, testtree.Recent)
	rm(t, acme, "httpdocs/sub/deep", "httpdocs/sub/linked")
	acme.File("httpdocs/other.php", "changed outside the path", 0o644, testtree.Recent)
	shop.File("httpdocs/cart.php", "changed in another subscription", 0o644, testtree.Recent)
	wantShop := testtree.Snapshot(t, e.roots["shop.example"])
	wantOther := testtree.Snapshot(t, acme.Path("httpdocs/other.php"))

	res := e.mustRestore(spec.Restore{Backup: name, Subscriptions: []string{"acme.example"}, Paths: []string{"httpdocs/sub"}})
	got := testtree.Snapshot(t, acme.Path("httpdocs/sub"))
	for _, n := range []string{"linked"} { // its group's other name is outside the path
		w := wantSub[n]
		w.Group = ""
		wantSub[n] = w
	}
	testtree.Equal(t, wantSub, got)
	testtree.Equal(t, wantOther, testtree.Snapshot(t, acme.Path("httpdocs/other.php")))
	testtree.Equal(t, wantShop, testtree.Snapshot(t, e.roots["shop.example"]))
	if res.Removed != 1 {
		t.Errorf("removed %d paths, want 1 (sub/added.php)", res.Removed)
	}
}

// What the backup could not have captured is not removed by a restore in place: paths its
// exclusions left out, log files, FIFOs.
func TestPruneSparesUncaptured(t *testing.T) {
	e := newEnv(t, nil, "acme.example")
	b := testtree.New(t, e.roots["acme.example"])
	b.File("httpdocs/index.php", "<?php", 0o644, testtree.Recent)
	b.File("httpdocs/cache/c1", "cached", 0o644, testtree.Recent)
	b.File("logs/access_log", "GET /", 0o644, testtree.Recent)
	b.File("httpdocs/error.log", "oops", 0o644, testtree.Recent)
	must(t, syscall.Mkfifo(b.Path("httpdocs/fifo"), 0o644))
	s := e.spec(false)
	s.Exclude, s.ExcludeLogs = "/httpdocs/cache", true
	name := e.backup(s).Entry.Name

	b.File("httpdocs/cache/c2", "cached later", 0o644, testtree.Recent)
	b.File("logs/error_log", "later", 0o644, testtree.Recent)
	b.File("httpdocs/planted.php", "removed by the restore", 0o644, testtree.Recent)
	e.mustRestore(spec.Restore{Backup: name})
	for _, keep := range []string{"httpdocs/cache/c1", "httpdocs/cache/c2", "logs/access_log", "logs/error_log", "httpdocs/error.log", "httpdocs/fifo"} {
		if _, err := os.Lstat(b.Path(keep)); err != nil {
			t.Errorf("%s: %v", keep, err)
		}
	}
	if _, err := os.Lstat(b.Path("httpdocs/planted.php")); !os.IsNotExist(err) {
		t.Errorf("planted.php not removed: %v", err)
	}
	if _, err := os.Lstat(b.Path("httpdocs/index.php")); err != nil {
		t.Error(err)
	}
}
