package roundtrip

import (
	"context"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/engine/backup"
	"coffre/engine/restore"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/engine/verify"
)

// env is one client with its webspaces, its storage and the host key.
type env struct {
	t     testing.TB
	st    storage.Storage
	key   ed25519.PrivateKey
	acct  account.Account
	now   time.Time
	roots map[string]string // domain -> webspace root
	stDir string            // the Local storage's folder, when env made it
	// secret gives the databases' password; dumpPart the size of a dump's parts (0: default).
	secret   func(account.Database) (string, error)
	dumpPart int
}

const client = "acme"

func newEnv(t testing.TB, st storage.Storage, domains ...string) *env {
	t.Helper()
	seed := make([]byte, ed25519.SeedSize)
	copy(seed, "coffre round trip test host key!")
	e := &env{t: t, st: st, key: ed25519.NewKeyFromSeed(seed), roots: map[string]string{},
		now: time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)}
	if e.st == nil {
		var err error
		e.stDir = filepath.Join(t.TempDir(), "storage")
		if e.st, err = storage.NewLocal(e.stDir); err != nil {
			t.Fatal(err)
		}
	}
	e.acct.Client = account.Client{Login: client, Name: "Acme", Rights: account.AllRights}
	vhosts := t.TempDir()
	for _, d := range domains {
		root := filepath.Join(vhosts, d)
		e.roots[d] = root
		must(t, os.Mkdir(root, 0o755))
		e.acct.Subscriptions = append(e.acct.Subscriptions, account.Subscription{
			Domain: d, Client: client, Root: root, Logs: []string{"logs"}})
		e.acct.Domains = append(e.acct.Domains, account.Domain{Name: d, Subscription: d, DocRoot: "httpdocs"})
	}
	return e
}

func (e *env) clock() time.Time { return e.now }

func (e *env) pub() ed25519.PublicKey { return e.key.Public().(ed25519.PublicKey) }

func (e *env) spec(incremental bool) spec.Backup {
	return spec.Backup{Client: client, Scope: spec.ScopeWebsites, Files: true,
		Storage: spec.StorageServer, Incremental: incremental}
}

// backup runs a backup, which must succeed, then verifies it.
func (e *env) backup(s spec.Backup) backup.Result {
	e.t.Helper()
	e.now = e.now.Add(time.Hour)
	res, err := e.tryBackup(s, e.st)
	if err != nil {
		e.t.Fatalf("backup: %v", err)
	}
	e.verify(res.Entry.Name)
	return res
}

func (e *env) tryBackup(s spec.Backup, st storage.Storage) (backup.Result, error) {
	return backup.Run(context.Background(), backup.Options{
		Account: e.acct, Spec: s, Storage: st, HostKey: e.key, Clock: e.clock, Secret: e.secret, DumpPart: e.dumpPart})
}

// verify checks a backup, which must be sound.
func (e *env) verify(name string) verify.Report {
	e.t.Helper()
	rep, err := verify.Run(context.Background(), e.st, name, e.pub())
	if err != nil || !rep.OK() {
		e.t.Fatalf("verify %s: %v\n%+v", name, err, rep.Problems)
	}
	return rep
}

func (e *env) restore(r spec.Restore) (restore.Result, error) {
	r.Client, r.Storage = client, spec.StorageServer
	return restore.Run(context.Background(), restore.Options{
		Account: e.acct, Spec: r, Storage: e.st, HostKey: e.pub(), Clock: e.clock, Secret: e.secret})
}

func (e *env) mustRestore(r spec.Restore) restore.Result {
	e.t.Helper()
	res, err := e.restore(r)
	if err != nil {
		e.t.Fatalf("restore %s: %v", r.Backup, err)
	}
	return res
}

func ed25519NewKey(seed []byte) ed25519.PrivateKey { return ed25519.NewKeyFromSeed(seed) }
