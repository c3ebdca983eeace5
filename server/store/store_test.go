package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"coffre/engine/account"
)

// fixture is a store with one client "acme" owning subscription acme.example.
func fixture(t *testing.T) (*Store, string) {
	t.Helper()
	st, err := Open(filepath.Join(t.TempDir(), "data"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	hosts := t.TempDir()
	mustAdd(t, st, "acme", "acme.example", mkdir(t, hosts, "acme.example"))
	return st, hosts
}

func mkdir(t *testing.T, parts ...string) string {
	t.Helper()
	p := filepath.Join(parts...)
	if err := os.MkdirAll(p, 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func mustAdd(t *testing.T, st *Store, login, domain, root string) {
	t.Helper()
	if _, err := st.Client(login); errors.Is(err, ErrNotFound) {
		if _, err := st.AddClient(account.Client{Login: login, Name: "Client " + login, Rights: account.AllRights}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := st.AddSubscription(account.Subscription{Domain: domain, Client: login, Root: root, Logs: []string{"logs"}}, ""); err != nil {
		t.Fatal(err)
	}
}

func TestAccountPersistsAcrossReopen(t *testing.T) {
	st, hosts := fixture(t)
	maildir := mkdir(t, hosts, "mail", "contact")
	dbFile := filepath.Join(hosts, "shop.sqlite")
	os.WriteFile(dbFile, []byte("SQLite format 3\x00"), 0o600)
	steps := []error{
		second(st.AddDomain(account.Domain{Name: "Shop.Acme.Example", Subscription: "acme.example", DocRoot: "shop"})),
		second(st.AddMailbox(account.Mailbox{Address: "contact@acme.example", Subscription: "acme.example", Maildir: maildir})),
		second(st.AddDatabase(account.Database{Name: "shop", Subscription: "acme.example", Engine: "sqlite", Path: dbFile}, nil)),
		second(st.AddDatabase(account.Database{Name: "wp", Subscription: "acme.example", Engine: "mysql", User: "wp"}, []byte("sealed"))),
		st.SetRights("acme", account.Rights{ServerStorage: true}),
	}
	if err := errors.Join(steps...); err != nil {
		t.Fatal(err)
	}
	again, err := Open(st.Dir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	a, err := again.Account("acme")
	if err != nil {
		t.Fatal(err)
	}
	if a.Client.Rights != (account.Rights{ServerStorage: true}) || a.Client.Lang != "en" {
		t.Errorf("client = %+v", a.Client)
	}
	if len(a.Subscriptions) != 1 || len(a.Domains) != 2 || len(a.Mailboxes) != 1 || len(a.Databases) != 2 {
		t.Fatalf("account = %+v", a)
	}
	if d := a.Domains[1]; d.Name != "shop.acme.example" || d.DocRoot != "shop" {
		t.Errorf("domain = %+v", d)
	}
	if db := a.Databases[1]; db.Name != "wp" || db.Host != "localhost" || db.Port != 3306 || !db.HasPassword {
		t.Errorf("database = %+v", db)
	}
	if sealed, _ := again.DatabasePassword("acme.example", "wp"); string(sealed) != "sealed" {
		t.Errorf("sealed password = %q", sealed)
	}
}

func second[T any](_ T, err error) error { return err }

func TestRootRefusals(t *testing.T) {
	st, hosts := fixture(t)
	acmeRoot := filepath.Join(hosts, "acme.example")
	file := filepath.Join(hosts, "file")
	os.WriteFile(file, nil, 0o644)
	link := filepath.Join(hosts, "link")
	os.Symlink(filepath.Join(acmeRoot, "httpdocs"), link)
	mkdir(t, acmeRoot, "httpdocs")
	tests := []struct {
		name, root, code, says string
	}{
		{"missing", filepath.Join(hosts, "nope"), CodeRootMissing, "does not exist"},
		{"not a directory", file, CodeRootNotDir, "is not a directory"},
		{"relative", "relative/dir", CodeNotAbsolute, "absolute"},
		{"same root", acmeRoot, CodeRootOverlap, "already the webspace root of subscription acme.example"},
		{"inside", mkdir(t, acmeRoot, "sub"), CodeRootOverlap, "inside the webspace root of subscription acme.example"},
		{"inside through a link", link, CodeRootOverlap, "inside the webspace root of subscription acme.example"},
		{"contains", hosts, CodeRootOverlap, "contains the webspace root of subscription acme.example"},
		{"contains the data", filepath.Dir(st.Dir()), CodeRootData, "contains Coffre's data directory"},
		{"the filesystem root", "/", CodeRootData, "contains Coffre's data directory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := st.AddSubscription(account.Subscription{Domain: "other.example", Client: "acme", Root: tt.root}, "")
			var se *Error
			if !errors.As(err, &se) || se.Code != tt.code || !strings.Contains(se.Error(), tt.says) {
				t.Fatalf("err = %v, want code %s saying %q", err, tt.code, tt.says)
			}
		})
	}
	if subs, _ := st.Subscriptions(""); len(subs) != 1 {
		t.Errorf("subscriptions = %+v, want only acme.example", subs)
	}
}

func TestUniqueKeys(t *testing.T) {
	st, hosts := fixture(t)
	other := mkdir(t, hosts, "other")
	tests := []struct {
		name string
		err  error
	}{
		{"client", second(st.AddClient(account.Client{Login: "acme", Name: "Again"}))},
		{"subscription", second(st.AddSubscription(account.Subscription{Domain: "ACME.example", Client: "acme", Root: other}, ""))},
		{"domain", second(st.AddDomain(account.Domain{Name: "acme.example", Subscription: "acme.example"}))},
		{"unknown client", second(st.AddSubscription(account.Subscription{Domain: "b.example", Client: "bob", Root: other}, ""))},
		{"unknown subscription", second(st.AddDomain(account.Domain{Name: "c.example", Subscription: "nope.example"}))},
	}
	want := []error{ErrExists, ErrExists, ErrExists, ErrNotFound, ErrNotFound}
	for i, tt := range tests {
		if !errors.Is(tt.err, want[i]) {
			t.Errorf("%s: err = %v, want %v", tt.name, tt.err, want[i].(*Error).Code)
		}
	}
}

func TestMailboxDomainMustBeTheSubscriptions(t *testing.T) {
	st, hosts := fixture(t)
	_, err := st.AddMailbox(account.Mailbox{Address: "x@elsewhere.example", Subscription: "acme.example", Maildir: mkdir(t, hosts, "md")})
	if !strings.Contains(fmtErr(err), "is not a domain of subscription acme.example") {
		t.Fatalf("err = %v", err)
	}
}

func fmtErr(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// Another process (here another Store on the same directory: flock treats them as strangers)
// reads and writes while this one is open, as the CLI does while the server runs.
func TestTwoOpenersShareTheFile(t *testing.T) {
	server, hosts := fixture(t)
	cli, err := Open(server.Dir(), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make(chan error, 100)
	for i, st := range []*Store{server, cli} {
		wg.Go(func() {
			for j := range 20 {
				login := string(rune('a'+i)) + "client" + string(rune('a'+j))
				_, err := st.AddClient(account.Client{Login: login, Name: login})
				errs <- err
				_, err = st.Summaries()
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if list, _ := server.Clients(); len(list) != 41 {
		t.Errorf("%d clients, want 41", len(list))
	}
	_ = hosts
}

func TestBusyStoreSaysSo(t *testing.T) {
	holder, _ := fixture(t)
	other, err := Open(holder.Dir(), Options{Timeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	inside, release := make(chan struct{}), make(chan struct{})
	go holder.Update(func(*Tx) error {
		close(inside)
		<-release
		return nil
	})
	<-inside
	_, err = other.Clients()
	close(release)
	if !errors.Is(err, ErrBusy) || !strings.Contains(err.Error(), FileName) {
		t.Fatalf("err = %v, want busy naming the file", err)
	}
}

func TestDataDirectoryIsPrivate(t *testing.T) {
	st, _ := fixture(t)
	for _, p := range []string{st.Dir(), filepath.Join(st.Dir(), FileName)} {
		fi, err := os.Stat(p)
		if err != nil || fi.Mode().Perm()&0o077 != 0 {
			t.Errorf("%s: %v %v", p, fi.Mode(), err)
		}
	}
}
