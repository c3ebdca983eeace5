package jobs

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"coffre/engine/account"
	"coffre/engine/spec"
	"coffre/server/keys"
	"coffre/server/store"
)

// fixture is a data directory with acme (two subscriptions, one of them inside the data
// directory as the demo's are) and bob, whose webspace lies next to acme's.
type fixture struct {
	j                 *Jobs
	data, hosts       string
	acme, shop, bobWS string
}

func newFixture(t testing.TB) fixture {
	t.Helper()
	base := t.TempDir()
	f := fixture{data: filepath.Join(base, "data"), hosts: filepath.Join(base, "vhosts")}
	st, err := store.Open(f.data, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f.acme, f.bobWS, f.shop = filepath.Join(f.hosts, "acme.example"), filepath.Join(f.hosts, "bob.example"),
		filepath.Join(f.data, "demo", "shop.example")
	for _, d := range []string{f.acme, f.bobWS, f.shop} {
		os.MkdirAll(d, 0o755)
	}
	for _, c := range []string{"acme", "bob"} {
		if _, err := st.AddClient(account.Client{Login: c, Name: c, Lang: "en", Rights: account.AllRights}); err != nil {
			t.Fatal(err)
		}
	}
	for domain, sub := range map[string]account.Subscription{
		"acme.example": {Client: "acme", Root: f.acme}, "shop.example": {Client: "acme", Root: f.shop},
		"bob.example": {Client: "bob", Root: f.bobWS},
	} {
		sub.Domain = domain
		if _, err := st.AddSubscription(sub, ""); err != nil {
			t.Fatal(err)
		}
	}
	st.AddDomain(account.Domain{Name: "www2.acme.example", Subscription: "acme.example", DocRoot: "w2"})
	k, err := keys.Load(f.data)
	if err != nil {
		t.Fatal(err)
	}
	f.j = New(st, k, Options{})
	return f
}

func TestCheckTarget(t *testing.T) {
	f := newFixture(t)
	link := filepath.Join(t.TempDir(), "innocent")
	if err := os.Symlink(f.bobWS, link); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		to string
		ok bool
	}{
		{"", true},
		{filepath.Join(t.TempDir(), "restored"), true},
		{filepath.Join(f.acme, "restored"), true},           // the client's own webspace
		{filepath.Join(f.shop, "old", "copy"), true},        // its own webspace inside the data directory
		{filepath.Join(f.bobWS, "x"), false},                // another client's webspace
		{f.bobWS, false},                                    //
		{f.hosts, false},                                    // around another client's webspace
		{filepath.Join(link, "sub", "dir"), false},          // through a symlink into it
		{filepath.Join(f.data, "storage", "acme"), false},   // Coffre's data directory
		{filepath.Join(f.data, "demo"), false},              // around the data's webspaces
		{filepath.Dir(f.data), false},                       // around the data directory
		{"relative/dir", false},                             //
		{filepath.Join(f.acme, "..", "bob.example"), false}, // .. back into bob's
	}
	for _, tt := range tests {
		err := f.j.CheckTarget("acme", tt.to)
		if (err == nil) != tt.ok || err != nil && !errors.Is(err, ErrTarget) {
			t.Errorf("CheckTarget(%q) = %v, want ok %v", tt.to, err, tt.ok)
		}
	}
}

func TestAccountHasOnlyTheSubscriptionsAsked(t *testing.T) {
	f := newFixture(t)
	a, err := f.j.account("acme", []string{"acme.example"})
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Subscriptions) != 1 || a.Subscriptions[0].Domain != "acme.example" || len(a.Domains) != 2 ||
		slices.ContainsFunc(a.Domains, func(d account.Domain) bool { return d.Subscription != "acme.example" }) {
		t.Errorf("account = %+v", a)
	}
	if a, _ := f.j.account("acme", nil); len(a.Subscriptions) != 2 {
		t.Errorf("all subscriptions: %+v", a.Subscriptions)
	}
}

func TestChecksRefuse(t *testing.T) {
	f := newFixture(t)
	f.j.st.SetRights("bob", account.Rights{ServerStorage: true})
	tests := []struct {
		name      string
		err       error
		forbidden bool
		fields    []string
	}{
		{"not bob's subscription", f.j.CheckBackup(spec.Backup{Client: "bob", Scope: spec.ScopeWebsites, Files: true,
			Storage: spec.StorageServer, Subscriptions: []string{"acme.example", "nope.example"}}), false,
			[]string{"subscriptions", "subscriptions"}},
		{"account without the right", f.j.CheckBackup(spec.Backup{Client: "bob", Scope: spec.ScopeAccount, Files: true,
			Storage: spec.StorageServer}), true, []string{"scope"}},
		{"restore without the right", f.j.CheckRestore(spec.Restore{Client: "bob", Backup: "b", Storage: spec.StorageServer}),
			true, []string{"client"}},
		{"verify a bad name", f.j.CheckVerify("bob", "../b", "server"), false, []string{"backup"}},
	}
	for _, tt := range tests {
		var ref *Refusal
		if !errors.As(tt.err, &ref) || ref.Forbidden != tt.forbidden {
			t.Errorf("%s: %v", tt.name, tt.err)
			continue
		}
		var fields []string
		for _, e := range ref.Errors {
			fields = append(fields, e.Field)
		}
		if !slices.Equal(fields, tt.fields) {
			t.Errorf("%s: fields %v, want %v", tt.name, fields, tt.fields)
		}
	}
	if err := f.j.CheckBackup(spec.Backup{Client: "nobody", Scope: spec.ScopeWebsites, Files: true,
		Storage: spec.StorageServer}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("unknown client: %v", err)
	}
}
