package jobs

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coffre/engine/account"
	"coffre/engine/spec"
)

// A backup from another host describes the subscription to recreate: its webspace root, its
// Maildirs and SQLite files. A hostile one must not make Coffre make or write anything in
// another client's webspace, in Coffre's data directory, or (with --root-base) outside the base.
func TestRecreatePathsStayTheirOwn(t *testing.T) {
	f := newFixture(t)
	outside := filepath.Join(filepath.Dir(f.data), "etc", "sudoers.d")
	cfg := config{
		Subscriptions: []account.Subscription{{Domain: "evil.example", Root: "/srv/old/evil.example"}},
		Mailboxes: []account.Mailbox{
			{Address: "a@evil.example", Subscription: "evil.example", Maildir: "/srv/old/evil.example/mail/a"},
			{Address: "b@evil.example", Subscription: "evil.example", Maildir: filepath.Join(f.bobWS, "httpdocs")},
			{Address: "c@evil.example", Subscription: "evil.example", Maildir: outside},
			{Address: "d@evil.example", Subscription: "evil.example", Maildir: "/srv/old/evil.example/../../../" + f.bobWS},
			{Address: "e@evil.example", Subscription: "evil.example", Maildir: filepath.Join(f.data, "keys")},
		},
		Databases: []account.Database{
			{Name: "bobs", Subscription: "evil.example", Engine: "sqlite", Path: filepath.Join(f.bobWS, "app.db")},
		},
	}
	base := filepath.Join(filepath.Dir(f.data), "newroots")
	var out recreated
	if err := f.j.recreateOne(cfg, spec.Restore{Client: "acme", RootBase: base}, "evil.example", &out); err != nil {
		t.Fatal(err)
	}
	a, _ := f.j.st.Account("acme")
	got := map[string]string{}
	for _, mb := range a.Mailboxes {
		got[mb.Address] = mb.Maildir
	}
	for addr, dir := range got {
		if rel, err := filepath.Rel(base, dir); err != nil || !filepath.IsLocal(rel) {
			t.Errorf("mailbox %s recreated at %s, outside the root base", addr, dir)
		}
	}
	if got["a@evil.example"] != filepath.Join(base, "evil.example", "mail", "a") {
		t.Errorf("a Maildir inside the old webspace did not move with it: %v", got)
	}
	if want := filepath.Join(base, ".recreated", "evil.example", outside); got["c@evil.example"] != want {
		t.Errorf("a Maildir outside the old webspace is at %s, not %s", got["c@evil.example"], want)
	}
	if dir, ok := got["d@evil.example"]; ok {
		t.Errorf("mailbox d recreated at %s", dir)
	}
	if len(a.Databases) != 1 || !strings.HasPrefix(a.Databases[0].Path, base+"/") {
		t.Errorf("databases recreated: %+v", a.Databases)
	}
	if _, err := os.Stat(outside); err == nil {
		t.Errorf("%s made", outside)
	}
	if ents, _ := os.ReadDir(f.bobWS); len(ents) != 0 {
		t.Errorf("made in bob's webspace: %v", ents)
	}
	if len(out.problems) != 1 {
		t.Errorf("warnings: %v", out.problems)
	}
}

// Without --root-base the backup's roots are kept, but never one that overlaps another
// subscription's webspace, and a domain is checked before a directory is made for it.
func TestRecreateRootRefusedBeforeMade(t *testing.T) {
	f := newFixture(t)
	for _, sub := range []account.Subscription{
		{Domain: "inbob.example", Root: filepath.Join(f.bobWS, "httpdocs", "x")},
		{Domain: "up.example", Root: filepath.Dir(f.bobWS)},
		{Domain: "dirty.example", Root: f.bobWS + "/../bob.example/y"},
		{Domain: "../../escape", Root: "/tmp/x"},
		{Domain: "rooted.example", Root: filepath.Join(t.TempDir(), "rooted.example"), User: "root"},
	} {
		base := ""
		if strings.HasPrefix(sub.Domain, "..") {
			base = filepath.Join(t.TempDir(), "a", "b")
		}
		cfg := config{Subscriptions: []account.Subscription{sub}}
		err := f.j.recreateOne(cfg, spec.Restore{Client: "acme", RootBase: base}, sub.Domain, &recreated{})
		if err == nil {
			t.Errorf("%s at %s recreated", sub.Domain, sub.Root)
		}
		if base != "" {
			if _, serr := os.Stat(filepath.Join(base, sub.Domain)); serr == nil {
				t.Errorf("%s: directory made", sub.Domain)
			}
		}
	}
	if ents, _ := os.ReadDir(f.bobWS); len(ents) != 0 {
		t.Errorf("made in bob's webspace: %v", ents)
	}
	// The backup's own root, kept; its Maildirs and files in bob's webspace or the data
	// directory refused.
	root := filepath.Join(t.TempDir(), "kept.example")
	cfg := config{
		Subscriptions: []account.Subscription{{Domain: "kept.example", Root: root}},
		Mailboxes: []account.Mailbox{
			{Address: "b@kept.example", Subscription: "kept.example", Maildir: filepath.Join(f.bobWS, "httpdocs")},
			{Address: "e@kept.example", Subscription: "kept.example", Maildir: filepath.Join(f.data, "keys")},
		},
		Databases: []account.Database{
			{Name: "bobs", Subscription: "kept.example", Engine: "sqlite", Path: filepath.Join(f.bobWS, "app.db")},
		},
	}
	var out recreated
	if err := f.j.recreateOne(cfg, spec.Restore{Client: "acme", Recreate: true}, "kept.example", &out); err != nil {
		t.Fatal(err)
	}
	a, _ := f.j.st.Account("acme")
	if len(out.problems) != 3 || len(a.Databases) != 0 || slicesHasMaildir(a.Mailboxes, "kept.example") {
		t.Errorf("recreated %+v %+v; warnings %v", a.Mailboxes, a.Databases, out.problems)
	}
	if ents, _ := os.ReadDir(f.bobWS); len(ents) != 0 {
		t.Errorf("made in bob's webspace: %v", ents)
	}
}

func slicesHasMaildir(mbs []account.Mailbox, sub string) bool {
	for _, mb := range mbs {
		if mb.Subscription == sub {
			return true
		}
	}
	return false
}

// A PostgreSQL or MariaDB database recreated from the backup (host, port and user the
// backup's, no password) is not connected to in the same restore: its password is asked first.
func TestRecreatedServerDatabaseNotLoaded(t *testing.T) {
	f := newFixture(t)
	cfg := config{
		Subscriptions: []account.Subscription{{Domain: "db.example", Root: "/old/db.example"}},
		Databases: []account.Database{{Name: "shop", Subscription: "db.example", Engine: "mysql", Host: "localhost", User: "root"},
			{Name: "blog", Subscription: "db.example", Engine: "sqlite", Path: "/old/db.example/blog.db"}},
	}
	var out recreated
	if err := f.j.recreateOne(cfg, spec.Restore{Client: "acme", RootBase: t.TempDir()}, "db.example", &out); err != nil {
		t.Fatal(err)
	}
	asked := 0
	secret := out.secret(func(account.Database) (string, error) { asked++; return "", nil })
	if _, err := secret(account.Database{Name: "shop", Subscription: "db.example", Engine: "mysql"}); err == nil ||
		!strings.Contains(err.Error(), "password") {
		t.Errorf("the recreated MariaDB database would be loaded: %v", err)
	}
	for _, d := range []account.Database{{Name: "blog", Subscription: "db.example", Engine: "sqlite"},
		{Name: "shop", Subscription: "acme.example", Engine: "mysql"}} {
		if _, err := secret(d); err != nil {
			t.Errorf("%s of %s: %v", d.Name, d.Subscription, err)
		}
	}
	if asked != 2 {
		t.Errorf("the store's secret was asked %d times, want 2", asked)
	}
}
