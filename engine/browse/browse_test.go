package browse

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/engine/backup"
	"coffre/engine/manifest"
	"coffre/engine/spec"
	"coffre/engine/storage"
)

// site is one client's webspace and storage, backed up by the real engine.
type site struct {
	t    *testing.T
	st   storage.Storage
	root string
	acct account.Account
	key  ed25519.PrivateKey
	now  time.Time
}

func newSite(t *testing.T) *site {
	st, err := storage.NewLocal(filepath.Join(t.TempDir(), "storage"))
	if err != nil {
		t.Fatal(err)
	}
	root := filepath.Join(t.TempDir(), "acme.example")
	s := &site{t: t, st: st, root: root, key: ed25519.NewKeyFromSeed(make([]byte, 32)),
		now: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	s.acct.Client = account.Client{Login: "acme", Name: "Acme", Rights: account.AllRights}
	s.acct.Subscriptions = []account.Subscription{{Domain: "acme.example", Client: "acme", Root: root}}
	s.acct.Domains = []account.Domain{{Name: "acme.example", Subscription: "acme.example", DocRoot: "httpdocs"}}
	return s
}

func (s *site) write(rel, body string, mtime time.Time) {
	p := filepath.Join(s.root, rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		s.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		s.t.Fatal(err)
	}
	if err := os.Chtimes(p, mtime, mtime); err != nil {
		s.t.Fatal(err)
	}
}

func (s *site) backup(incremental bool) manifest.Manifest {
	s.t.Helper()
	s.now = s.now.Add(time.Hour)
	res, err := backup.Run(context.Background(), backup.Options{Account: s.acct, Storage: s.st, HostKey: s.key,
		Clock: func() time.Time { return s.now },
		Spec: spec.Backup{Client: "acme", Scope: spec.ScopeWebsites, Files: true, Storage: spec.StorageServer,
			Incremental: incremental}})
	if err != nil {
		s.t.Fatal(err)
	}
	m, err := manifest.Load(context.Background(), s.st, res.Entry.Name)
	if err != nil {
		s.t.Fatal(err)
	}
	return m
}

var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func TestTreePagesAFolderAndSearches(t *testing.T) {
	s := newSite(t)
	const n = 2500
	for i := 0; i < n; i++ {
		s.write(fmt.Sprintf("httpdocs/big/f%05d.txt", i), fmt.Sprint(i), t0)
	}
	s.write("httpdocs/index.php", "<?php echo 1;", t0)
	s.write("httpdocs/Images/Logo.PNG", "png", t0)
	m := s.backup(false)
	c := NewCache(64 << 20)
	tr, err := c.Tree(context.Background(), s.st, m)
	if err != nil {
		t.Fatal(err)
	}
	top, err := tr.List("", 0, 10)
	if err != nil || top.Total != 1 || top.Items[0].Path != "acme.example" || top.Items[0].Kind != KindDir {
		t.Fatalf("top: %+v %v", top, err)
	}
	p, err := tr.List("acme.example/httpdocs/big", 1200, 100)
	if err != nil {
		t.Fatal(err)
	}
	if p.Total != n || len(p.Items) != 100 || p.Items[0].Name != "f01200.txt" || p.Items[99].Name != "f01299.txt" {
		t.Fatalf("page: total %d, %d items, first %+v", p.Total, len(p.Items), p.Items[0])
	}
	it := p.Items[0]
	if it.Path != "acme.example/httpdocs/big/f01200.txt" || it.Size != 4 || it.MTime != t0.Unix() || it.Holder != m.Name {
		t.Errorf("item: %+v", it)
	}
	if p, _ := tr.List("acme.example/httpdocs/big", 0, 1_000_000); len(p.Items) != MaxLimit {
		t.Errorf("a page of %d items, want at most %d", len(p.Items), MaxLimit)
	}
	if p, _ := tr.List("acme.example/httpdocs/big", n+5, 10); len(p.Items) != 0 || p.Offset != n {
		t.Errorf("past the end: %+v", p)
	}
	for _, bad := range []string{"acme.example/httpdocs/nope", "acme.example/httpdocs/index.php", "other.example", "acme.example/../x"} {
		if _, err := tr.List(bad, 0, 10); err == nil {
			t.Errorf("list %q: no error", bad)
		}
	}
	f := tr.Search("logo.png", 10)
	if len(f.Items) != 1 || f.Items[0].Path != "acme.example/httpdocs/Images/Logo.PNG" || f.More {
		t.Errorf("search logo.png: %+v", f)
	}
	f = tr.Search("F0", 50)
	if len(f.Items) != 50 || !f.More || f.Items[0].Name != "f00000.txt" {
		t.Errorf("search f0: %d items, more %v", len(f.Items), f.More)
	}
	if c.Used() != tr.Cost() {
		t.Errorf("cache holds %d bytes, want the tree's %d", c.Used(), tr.Cost())
	}
}

func TestVersionsAcrossAChain(t *testing.T) {
	s := newSite(t)
	s.write("httpdocs/a.txt", "one", t0)
	s.write("httpdocs/same.txt", "same", t0)
	full := s.backup(false)
	s.write("httpdocs/a.txt", "two!", t0.Add(time.Hour))
	inc1 := s.backup(true)
	os.Remove(filepath.Join(s.root, "httpdocs/a.txt"))
	inc2 := s.backup(true)
	s.write("httpdocs/a.txt", "three", t0.Add(2*time.Hour))
	inc3 := s.backup(true)
	c := NewCache(64 << 20)
	all := []manifest.Manifest{inc3, full, inc2, inc1}
	vs, err := c.Versions(context.Background(), s.st, all, "acme.example/httpdocs/a.txt")
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		holder  string
		size    int64
		backups int
	}{{inc3.Name, 5, 1}, {inc1.Name, 4, 1}, {full.Name, 3, 1}}
	if len(vs) != len(want) {
		t.Fatalf("versions: %+v", vs)
	}
	for i, w := range want {
		if vs[i].Holder != w.holder || vs[i].Size != w.size || len(vs[i].Backups) != w.backups {
			t.Errorf("version %d: %+v, want %+v", i, vs[i], w)
		}
	}
	if !vs[1].Created.Equal(inc1.Created) {
		t.Errorf("created %v, want %v", vs[1].Created, inc1.Created)
	}
	vs, _ = c.Versions(context.Background(), s.st, all, "acme.example/httpdocs/same.txt")
	if len(vs) != 1 || vs[0].Holder != full.Name || len(vs[0].Backups) != 4 {
		t.Errorf("unchanged file: %+v", vs)
	}
	tr, _ := c.Tree(context.Background(), s.st, inc2)
	if _, err := tr.Lookup("acme.example/httpdocs/a.txt"); err == nil {
		t.Error("the deleted file is in the tree of the backup made after its deletion")
	}
	if it, _ := tr.Lookup("acme.example/httpdocs/same.txt"); it.Holder != full.Name {
		t.Errorf("same.txt held by %q, want the full backup", it.Holder)
	}
}

func TestCacheStaysWithinItsBound(t *testing.T) {
	s := newSite(t)
	s.write("httpdocs/a.txt", "one", t0)
	m1 := s.backup(false)
	s.write("httpdocs/b.txt", "two", t0)
	m2 := s.backup(false)
	c := NewCache(1 << 20)
	t1, _ := c.Tree(context.Background(), s.st, m1)
	c.max = t1.Cost() + 100 // room for one tree only
	t2, err := c.Tree(context.Background(), s.st, m2)
	if err != nil {
		t.Fatal(err)
	}
	if c.Used() != t2.Cost() || c.get(m1.Name+"\x00"+m1.Index.SHA256) != nil {
		t.Errorf("cache holds %d bytes, want only the last tree (%d)", c.Used(), t2.Cost())
	}
}

// A backup whose tree does not fit the cache is answered by reading its index for each call,
// with the same answers as its tree in memory, and nothing kept.
func TestStreamedListingAnswersAsTheTree(t *testing.T) {
	s := newSite(t)
	for i := 0; i < 300; i++ {
		s.write(fmt.Sprintf("httpdocs/d%d/f%03d.txt", i%3, i), fmt.Sprint(i), t0)
	}
	s.write("httpdocs/Readme.MD", "read me", t0)
	m := s.backup(false)
	ctx := context.Background()
	whole, err := NewCache(64<<20).Listing(ctx, s.st, m)
	if err != nil || whole.Streamed() {
		t.Fatalf("in memory: %v", err)
	}
	small := NewCache(1000)
	streamed, err := small.Listing(ctx, s.st, m)
	if err != nil || !streamed.Streamed() || small.Used() != 0 {
		t.Fatalf("streamed: %v, cache holds %d bytes", err, small.Used())
	}
	same := func(what string, a, b any, errA, errB error) {
		t.Helper()
		if fmt.Sprint(a) != fmt.Sprint(b) || (errA == nil) != (errB == nil) {
			t.Errorf("%s: streamed %+v (%v), in memory %+v (%v)", what, b, errB, a, errA)
		}
	}
	for _, q := range []struct {
		path          string
		offset, limit int
	}{{"", 0, 10}, {"acme.example", 0, 10}, {"acme.example/httpdocs", 0, 2}, {"acme.example/httpdocs", 2, 5},
		{"acme.example/httpdocs/d1", 40, 30}, {"acme.example/httpdocs/d1", 500, 30}, {"acme.example/nope", 0, 10},
		{"acme.example/httpdocs/Readme.MD", 0, 10}} {
		a, errA := whole.List(ctx, q.path, q.offset, q.limit)
		b, errB := streamed.List(ctx, q.path, q.offset, q.limit)
		same("list "+q.path, a, b, errA, errB) // the errors may word it differently
	}
	for _, q := range []string{"readme", "F1", "nothing"} {
		a, errA := whole.Search(ctx, q, 20)
		b, errB := streamed.Search(ctx, q, 20)
		same("search "+q, a, b, errA, errB)
	}
	for _, p := range []string{"acme.example/httpdocs/d2/f005.txt", "acme.example/httpdocs/d2", "acme.example/x"} {
		a, errA := whole.Lookup(ctx, p)
		b, errB := streamed.Lookup(ctx, p)
		same("lookup "+p, a, b, errA, errB)
	}
}
