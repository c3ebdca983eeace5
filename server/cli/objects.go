package cli

import (
	"context"
	"fmt"
	"path/filepath"

	"coffre/engine/account"
	"coffre/server/jobs"
	"coffre/server/store"
)

func init() {
	register(&command{name: "domain add", usage: "NAME --subscription DOMAIN [--docroot REL] [--alias NAME]...",
		summary: "Add a domain served from a subscription's webspace.", run: domainAdd})
	register(&command{name: "mailbox add", usage: "ADDRESS --subscription DOMAIN --maildir DIR",
		summary: "Add a mailbox kept as a Maildir; its domain must be one of the subscription's.", run: mailboxAdd})
	register(&command{name: "database add", usage: "NAME --subscription DOMAIN --engine postgres|mysql|sqlite [--host H] [--port P] [--user U] [--password-file F] [--path FILE]",
		summary: "Add a database of a subscription (sqlite: --path; the others: host, port, user, password).", run: databaseAdd})
}

func domainAdd(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "domain add")
	sub := f.String("subscription", "", "the subscription's main domain (required)")
	docroot := f.String("docroot", "", "the document root relative to the webspace root (default httpdocs)")
	var aliases listFlag
	f.Var(&aliases, "alias", "another name of the domain (repeat for several)")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	if *sub == "" {
		return usagef("--subscription is required")
	}
	st, err := f.store()
	if err != nil {
		return err
	}
	d, err := st.AddDomain(account.Domain{Name: pos[0], Subscription: *sub, DocRoot: *docroot, Aliases: aliases})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "domain %s added to %s, document root %s\n", d.Name, d.Subscription, d.DocRoot)
	return nil
}

func mailboxAdd(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "mailbox add")
	sub := f.String("subscription", "", "the subscription's main domain (required)")
	maildir := f.String("maildir", "", "the mailbox's Maildir directory (required)")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	if *sub == "" || *maildir == "" {
		return usagef("--subscription and --maildir are required")
	}
	dir, err := filepath.Abs(*maildir)
	if err != nil {
		return err
	}
	st, err := f.store()
	if err != nil {
		return err
	}
	m, err := st.AddMailbox(account.Mailbox{Address: pos[0], Subscription: *sub, Maildir: dir})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "mailbox %s added to %s\n", m.Address, m.Subscription)
	return nil
}

func databaseAdd(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "database add")
	sub := f.String("subscription", "", "the subscription's main domain (required)")
	engine := f.String("engine", "", "postgres, mysql or sqlite (required)")
	host := f.String("host", "", "the database server (default localhost)")
	port := f.Int("port", 0, "the database server's port (default the engine's)")
	user := f.String("user", "", "the database user")
	pwFile := f.String("password-file", "", "a file whose first line is the database user's password")
	path := f.String("path", "", "the database file, for sqlite")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	if *sub == "" || *engine == "" {
		return usagef("--subscription and --engine are required")
	}
	d := account.Database{Name: pos[0], Subscription: *sub, Engine: *engine, Host: *host, Port: *port, User: *user}
	if *path != "" {
		if d.Path, err = filepath.Abs(*path); err != nil {
			return err
		}
	}
	sealed, err := sealPassword(f, *pwFile, jobs.DatabaseLabel(store.NormalizeDomain(*sub), pos[0]))
	if err != nil {
		return err
	}
	st, err := f.store()
	if err != nil {
		return err
	}
	if d, err = st.AddDatabase(d, sealed); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "database %s (%s) added to %s\n", d.Name, d.Engine, d.Subscription)
	return nil
}

// sealPassword reads a password file and seals it with the data directory's secret key under
// label; no file, no password.
func sealPassword(f *flags, file, label string) ([]byte, error) {
	if file == "" {
		return nil, nil
	}
	pw, err := readSecretFile(file)
	if err != nil {
		return nil, err
	}
	k, err := f.keys()
	if err != nil {
		return nil, err
	}
	return k.Seal(label, pw)
}
