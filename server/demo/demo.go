package demo

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"coffre/engine/account"
	"coffre/server/store"
)

// Dir is the demo's folder inside the data directory.
const Dir = "demo"

// Seed makes sure the demo host exists: its files under st.Dir()/demo and its objects in st.
// It is idempotent: what exists already (a webspace folder, a client, a domain...) is left as
// it is, so a second call changes nothing. It returns the logins of the demo clients.
func Seed(ctx context.Context, st *store.Store) ([]string, error) {
	base := filepath.Join(st.Dir(), Dir)
	var logins []string
	for _, p := range plans {
		if err := ctx.Err(); err != nil {
			return logins, err
		}
		if err := seedClient(st, base, p); err != nil {
			return logins, fmt.Errorf("demo %s: %w", p.client.Login, err)
		}
		logins = append(logins, p.client.Login)
	}
	return logins, nil
}

func seedClient(st *store.Store, base string, p clientPlan) error {
	c := p.client
	c.Created = st.Now().UTC()
	if _, err := st.AddClient(c); ignoreExists(err) != nil {
		return err
	}
	for _, sp := range p.subs {
		if err := seedSubscription(st, base, c.Login, sp); err != nil {
			return err
		}
	}
	return nil
}

func seedSubscription(st *store.Store, base, login string, sp subPlan) error {
	domain := sp.site.domain
	root := filepath.Join(base, "vhosts", domain)
	if err := materialize(root, domain, func(t *tree) { t.webspace(sp) }); err != nil {
		return err
	}
	sub := account.Subscription{Domain: domain, Client: login, Root: root, Logs: []string{"logs"}, User: sp.user}
	if _, err := st.AddSubscription(sub, store.DefaultDocRoot); ignoreExists(err) != nil {
		return err
	}
	for _, d := range sp.extra {
		d.Subscription = domain
		if _, err := st.AddDomain(d); ignoreExists(err) != nil {
			return err
		}
	}
	for _, mp := range sp.mailboxes {
		if err := seedMailbox(st, base, domain, mp); err != nil {
			return err
		}
	}
	if sp.db != nil {
		return seedDatabase(st, base, domain, *sp.db)
	}
	return nil
}

func (t *tree) webspace(sp subPlan) {
	t.docroot(store.DefaultDocRoot, sp.site)
	if sp.app {
		t.app(store.DefaultDocRoot+"/app", sp.site)
	}
	for _, d := range sp.extra {
		small := site{domain: d.Name, title: sp.site.title + " Store", lang: sp.site.lang, pages: 6}
		t.docroot(d.DocRoot, small)
	}
	t.logs("logs", sp.site)
	t.text("private/README.txt", "Files here are not served on the web.\n")
}

func seedMailbox(st *store.Store, base, domain string, mp mailboxPlan) error {
	addr := mp.local + "@" + domain
	dir := filepath.Join(base, "mail", domain, mp.local, "Maildir")
	if err := materialize(dir, addr, func(t *tree) { t.maildir(".", addr, mp.msgs) }); err != nil {
		return err
	}
	_, err := st.AddMailbox(account.Mailbox{Address: addr, Subscription: domain, Maildir: dir})
	return ignoreExists(err)
}

func seedDatabase(st *store.Store, base, domain string, tb table) error {
	path := filepath.Join(base, "databases", domain, tb.Name+".sqlite")
	if _, err := os.Lstat(path); errors.Is(err, fs.ErrNotExist) {
		data, err := sqliteFile(tb)
		if err != nil {
			return err
		}
		if err := writeNew(path, data); err != nil {
			return err
		}
	}
	_, err := st.AddDatabase(account.Database{Name: tb.Name, Subscription: domain, Engine: "sqlite", Path: path}, nil)
	return ignoreExists(err)
}

// materialize generates dir with gen unless it exists, into a sibling folder renamed at the end,
// so that an interrupted run leaves no half-made dir.
func materialize(dir, seed string, gen func(*tree)) error {
	if _, err := os.Lstat(dir); !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	partial := dir + ".partial"
	if err := os.RemoveAll(partial); err != nil {
		return fmt.Errorf("generate %s: %w", dir, err)
	}
	t := newTree(partial, seed)
	t.dir(".")
	gen(t)
	if t.err != nil {
		return fmt.Errorf("generate %s: %w", dir, t.err)
	}
	if err := os.Rename(partial, dir); err != nil {
		return fmt.Errorf("generate %s: %w", dir, err)
	}
	return nil
}

func writeNew(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := path + ".partial"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return os.Rename(tmp, path)
}

func ignoreExists(err error) error {
	if errors.Is(err, store.ErrExists) {
		return nil
	}
	return err
}
