package cli

import (
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coffre/engine/manifest"
	"coffre/engine/storage/ftp"
	"coffre/engine/storage/ftp/ftptest"
	"coffre/server/jobs"
	"coffre/server/store"
)

// A host lost with its data directory: a new Coffre lists the client's backups from the FTP
// storage's manifests alone, restores them only once the administrator confirms the old host's
// key, recreating the subscriptions; after host-key import the key is trusted without asking.
func TestNewHostRestoresFromFTP(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.Options{User: "acme", Pass: ftpPassword})
	cfg := srv.Config
	cfg.Dir = "backups/acme"
	old := demoData(t)
	if r := setFTP(t, old, "acme", cfg); r.code != 0 {
		t.Fatal(r.stderr)
	}
	oldSt, _ := store.Open(old, store.Options{})
	sub, _ := oldSt.Subscription("acme.example")
	noise := make([]byte, 5<<19) // incompressible: the full backup takes three volumes of 1 MiB
	rand.Read(noise)
	os.WriteFile(filepath.Join(sub.Root, "httpdocs", "video.bin"), noise, 0o644)
	_, full := backupTask(t, old, "acme", "--storage", "ftp", "--split-mb", "1", "--incremental")
	os.WriteFile(filepath.Join(sub.Root, "httpdocs", "after-full.html"), []byte("<p>later</p>"), 0o644)
	_, incr := backupTask(t, old, "acme", "--storage", "ftp", "--incremental")
	if len(full.Entry.Volumes) < 3 {
		t.Fatalf("the full backup has %d volumes", len(full.Entry.Volumes))
	}
	for _, v := range full.Entry.Volumes {
		if fi, err := srv.Fs.Stat("/backups/acme/" + v.Name); err != nil || fi.Size() != v.Size {
			t.Errorf("volume %s on the FTP server: %v", v.Name, err)
		}
	}
	if incr.Entry.Parent != full.Entry.Name {
		t.Fatalf("the incremental's parent is %q", incr.Entry.Parent)
	}
	exported := filepath.Join(t.TempDir(), "old-host.pub")
	mustRun(t, old, "host-key", "export", "--out", exported)
	oldKey := strings.TrimSpace(strings.TrimPrefix(mustRun(t, old, "host-key", "show").stdout, "this host: "))

	// The old host is lost: its mailboxes and database files with it (the webspace is kept, to
	// compare). The new host: a fresh data directory, the client and its FTP settings only.
	oldAcct, _ := oldSt.Account("acme")
	os.RemoveAll(filepath.Join(old, "demo", "mail"))
	os.RemoveAll(filepath.Join(old, "demo", "databases"))
	fresh := filepath.Join(t.TempDir(), "data")
	mustRun(t, fresh, "client", "add", "acme", "--name", "Acme")
	if r := setFTP(t, fresh, "acme", cfg); r.code != 0 {
		t.Fatal(r.stderr)
	}
	list := decodeJSON[[]jobs.Listed](t, mustRun(t, fresh, "backups", "acme", "--json"))
	if len(list) != 2 || list[0].Name != incr.Entry.Name || list[0].Storage != "ftp" || list[0].Status != "ok" ||
		list[0].Signature != (manifest.SignatureStatus{Signer: manifest.SignedByOther, Fingerprint: oldKey}) {
		t.Fatalf("the new host lists %+v", list)
	}
	if table := mustRun(t, fresh, "backups", "acme").stdout; !strings.Contains(table, "signed by another host ("+oldKey+")") {
		t.Errorf("backups table:\n%s", table)
	}
	roots := filepath.Join(t.TempDir(), "vhosts")
	r := run(t, fresh, "", "restore", "acme", incr.Entry.Name, "--storage", "ftp", "--root-base", roots)
	if r.code != 1 || !strings.Contains(r.stderr, "signed by another host") || !strings.Contains(r.stderr, oldKey) {
		t.Fatalf("restore without confirming the key: %d %s", r.code, r.stderr)
	}
	if _, err := os.Stat(filepath.Join(roots, "acme.example")); err == nil {
		t.Error("a refused restore recreated the webspace")
	}
	r = run(t, fresh, "", "restore", "acme", incr.Entry.Name, "--storage", "ftp", "--trust-key", "SHA256:"+strings.Repeat("A", 43), "--root-base", roots)
	if r.code != 1 || !strings.Contains(r.stderr, "not signed by the key") {
		t.Errorf("restore confirming another key: %d %s", r.code, r.stderr)
	}
	refuseTakenDomain(t, cfg, incr.Entry.Name, oldKey)
	r = mustRun(t, fresh, "restore", "acme", incr.Entry.Name, "--storage", "ftp", "--trust-key", oldKey, "--root-base", roots)
	if strings.Contains(r.stderr, "not_recreated") {
		t.Errorf("restore: %s", r.stderr)
	}
	newSt, _ := store.Open(fresh, store.Options{})
	newAcct, _ := newSt.Account("acme")
	if len(oldAcct.Mailboxes) == 0 || len(newAcct.Mailboxes) != len(oldAcct.Mailboxes) || len(newAcct.Domains) != len(oldAcct.Domains) ||
		len(oldAcct.Databases) == 0 || len(newAcct.Databases) != len(oldAcct.Databases) {
		t.Errorf("recreated %d mailboxes and %d domains, the backup held %d and %d", len(newAcct.Mailboxes),
			len(newAcct.Domains), len(oldAcct.Mailboxes), len(oldAcct.Domains))
	}
	for _, mb := range newAcct.Mailboxes {
		if fi, err := os.Stat(mb.Maildir); err != nil || !fi.IsDir() {
			t.Errorf("mailbox %s: Maildir %s: %v", mb.Address, mb.Maildir, err)
		}
	}
	for _, db := range newAcct.Databases {
		if fi, err := os.Stat(db.Path); db.Engine == "sqlite" && (err != nil || fi.Size() == 0) {
			t.Errorf("database %s: %s not restored: %v", db.Name, db.Path, err)
		}
	}
	got, err := newSt.Subscription("acme.example")
	if err != nil || got.Root != filepath.Join(roots, "acme.example") || got.Client != "acme" {
		t.Fatalf("recreated subscription: %+v %v", got, err)
	}
	sameTree(t, sub.Root, got.Root)

	// Once the old host's key is imported, its backups are trusted without a confirmation.
	mustRun(t, fresh, "host-key", "import", exported)
	list = decodeJSON[[]jobs.Listed](t, mustRun(t, fresh, "backups", "acme", "--storage", "ftp", "--json"))
	if list[0].Signature.Signer != manifest.SignedByTrusted {
		t.Errorf("after import: %+v", list[0].Signature)
	}
	mustRun(t, fresh, "verify", "acme", full.Entry.Name, "--storage", "ftp")
	out := t.TempDir()
	mustRun(t, fresh, "restore", "acme", full.Entry.Name, "--storage", "ftp", "--to", out)
	if _, err := os.Stat(filepath.Join(out, "files", "acme.example", "httpdocs", "after-full.html")); err == nil {
		t.Error("the full backup restored a file made after it")
	}
	noSecret(t, "the tasks", mustRun(t, fresh, "tasks", "--json").stdout, mustRun(t, old, "tasks", "--json").stdout)
}

// refuseTakenDomain: on a host where another client has the backup's domain, recreating it
// fails naming the domain, and nothing is restored.
func refuseTakenDomain(t *testing.T, cfg ftp.Config, name, key string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "data")
	zed := filepath.Join(t.TempDir(), "zed")
	os.MkdirAll(zed, 0o755)
	mustRun(t, dir, "client", "add", "acme", "--name", "Acme")
	mustRun(t, dir, "client", "add", "zed", "--name", "Zed")
	mustRun(t, dir, "subscription", "add", "acme.example", "--client", "zed", "--root", zed)
	setFTP(t, dir, "acme", cfg)
	roots := filepath.Join(t.TempDir(), "vhosts")
	r := run(t, dir, "", "restore", "acme", name, "--storage", "ftp", "--trust-key", key, "--root-base", roots)
	if r.code != 1 || !strings.Contains(r.stderr, "acme.example") {
		t.Errorf("recreating another client's domain: %d %s", r.code, r.stderr)
	}
	if entries, _ := os.ReadDir(zed); len(entries) != 0 {
		t.Errorf("the restore wrote into zed's webspace: %v", entries)
	}
	if _, err := os.Stat(filepath.Join(roots, "acme.example")); err == nil {
		t.Error("a refused recreation left its webspace folder")
	}
}
