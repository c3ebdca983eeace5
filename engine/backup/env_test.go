package backup

import (
	"archive/tar"
	"context"
	"crypto/ed25519"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/engine/archive"
	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/internal/testtree"
)

// env is a client with two webspaces and a server storage.
type env struct {
	t     *testing.T
	dir   string
	st    storage.Storage
	acct  account.Account
	key   ed25519.PrivateKey
	now   time.Time
	warns []Warning
}

func newEnv(t *testing.T) *env {
	dir := t.TempDir()
	st := storage.NewMem()
	_, key, _ := ed25519.GenerateKey(nil)
	e := &env{t: t, dir: dir, st: st, key: key, now: time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)}
	e.acct = account.Account{
		Client: account.Client{Login: "acme", Name: "Acme", Lang: "en"},
		Subscriptions: []account.Subscription{
			{Domain: "b.example", Client: "acme", Root: e.root("b.example"), Logs: []string{"logs"}},
			{Domain: "a.example", Client: "acme", Root: e.root("a.example")},
		},
		Domains: []account.Domain{{Name: "a.example", Subscription: "a.example", DocRoot: "httpdocs"}},
	}
	for _, s := range e.acct.Subscriptions {
		must(t, os.MkdirAll(s.Root, 0o755))
	}
	return e
}

func (e *env) root(domain string) string { return filepath.Join(e.dir, "vhosts", domain) }

func (e *env) spec(incremental bool) spec.Backup {
	return spec.Backup{Client: "acme", Scope: spec.ScopeAccount, Files: true, Mail: true,
		Storage: spec.StorageServer, Incremental: incremental}
}

// run backs up with sp one hour after the previous run.
func (e *env) run(sp spec.Backup) Result {
	e.t.Helper()
	res, err := e.try(context.Background(), sp, e.st)
	if err != nil {
		e.t.Fatalf("backup: %v", err)
	}
	return res
}

func (e *env) try(ctx context.Context, sp spec.Backup, st storage.Storage) (Result, error) {
	e.now = e.now.Add(time.Hour)
	e.warns = nil
	return Run(ctx, Options{Account: e.acct, Spec: sp, Storage: st, HostKey: e.key,
		Clock: func() time.Time { return e.now }, Warn: func(w Warning) { e.warns = append(e.warns, w) }})
}

// export copies a backup's volumes into a directory, as a user would download them.
func (e *env) export(name string) string {
	e.t.Helper()
	dir := filepath.Join(e.dir, "export")
	must(e.t, os.MkdirAll(dir, 0o755))
	for _, v := range e.manifest(name).Volumes {
		rc, err := e.st.Open(context.Background(), v.Name)
		must(e.t, err)
		data, err := io.ReadAll(rc)
		rc.Close()
		must(e.t, err)
		must(e.t, os.WriteFile(filepath.Join(dir, v.Name), data, 0o644))
	}
	return dir
}

func (e *env) manifest(name string) manifest.Manifest {
	m, err := manifest.LoadVerified(context.Background(), e.st, name, e.key.Public().(ed25519.PublicKey))
	must(e.t, err)
	return m
}

// tarEntry is one entry read back from an archive.
type tarEntry struct {
	h    *tar.Header
	sum  string
	data []byte // kept when small
}

func archiveReader(e *env, vols []manifest.Object) (*archive.Reader, error) {
	return archive.NewReader(context.Background(), e.st, vols, archive.Limits{})
}

// readBack reads a backup's archive with the archive reader, in order.
func (e *env) readBack(name string) ([]string, map[string]tarEntry) {
	e.t.Helper()
	m := e.manifest(name)
	ctx := context.Background()
	must(e.t, archive.CheckVolumes(ctx, e.st, m.Volumes))
	r, err := archive.NewReader(ctx, e.st, m.Volumes, archive.Limits{})
	must(e.t, err)
	defer r.Close()
	var order []string
	out := map[string]tarEntry{}
	for {
		h, err := r.Next()
		if err == io.EOF {
			return order, out
		}
		must(e.t, err)
		var small strings.Builder
		sum, err := testtree.Digest(io.TeeReader(r, &limitedBuilder{&small, 1 << 16}))
		must(e.t, err)
		order = append(order, h.Name)
		out[h.Name] = tarEntry{h: h, sum: sum, data: []byte(small.String())}
	}
}

type limitedBuilder struct {
	b   *strings.Builder
	max int
}

func (l *limitedBuilder) Write(p []byte) (int, error) {
	if l.b.Len()+len(p) <= l.max {
		l.b.Write(p)
	}
	return len(p), nil
}

// archiveSnapshot describes the files/<domain>/ part of an archive as testtree.Snapshot does
// a tree, owners included.
func archiveSnapshot(entries map[string]tarEntry, domain string) testtree.Tree {
	prefix := "files/" + domain
	out := testtree.Tree{}
	leader := map[string]string{}
	for name, te := range entries {
		rel, ok := relOf(name, prefix)
		if !ok {
			continue
		}
		h := te.h
		out[rel] = testtree.Node{Mode: h.FileInfo().Mode(), UID: uint32(h.Uid), GID: uint32(h.Gid),
			MTime: h.ModTime, Size: h.Size, Sum: te.sum, Link: h.Linkname}
		switch h.Typeflag {
		case tar.TypeDir:
			n := out[rel]
			n.Size, n.Sum = 0, ""
			out[rel] = n
		case tar.TypeSymlink:
			n := out[rel]
			n.Sum = ""
			out[rel] = n
		case tar.TypeLink:
			leader[rel], _ = relOf(h.Linkname, prefix)
		}
	}
	groups := map[string][]string{}
	for m, l := range leader {
		groups[l] = append(groups[l], m)
	}
	for l, ms := range groups {
		for _, m := range ms {
			n := out[m]
			n.Size, n.Sum, n.Link = out[l].Size, out[l].Sum, ""
			out[m] = n
		}
		out.Group(append(ms, l)...)
	}
	return out
}

func relOf(name, prefix string) (string, bool) {
	name = strings.TrimSuffix(name, "/")
	if name == prefix {
		return ".", true
	}
	rel, ok := strings.CutPrefix(name, prefix+"/")
	return rel, ok
}

func (e *env) index(name string) []index.Entry {
	e.t.Helper()
	m := e.manifest(name)
	ir, err := manifest.OpenIndex(context.Background(), e.st, m)
	must(e.t, err)
	defer ir.Close()
	var es []index.Entry
	for {
		ie, err := ir.Next()
		if err == io.EOF {
			return es
		}
		must(e.t, err)
		es = append(es, ie)
	}
}

// stored lists the files/ entries of a backup's archive, relative to files/.
func stored(order []string) []string {
	var out []string
	for _, n := range order {
		if rest, ok := strings.CutPrefix(n, "files/"); ok {
			out = append(out, strings.TrimSuffix(rest, "/"))
		}
	}
	return out
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
