package cli

import (
	"context"
	"fmt"
	"strings"

	"coffre/engine/account"
	"coffre/server/store"
	"coffre/server/tasks"
)

// The commands that change or remove what `client add`, `subscription add`, `domain add`,
// `mailbox add` and `database add` made, as the panel's administration does (the same checks,
// in server/store). Removing needs --yes: files, databases and backups always stay.
func init() {
	register(&command{name: "client edit", usage: "LOGIN [--name NAME] [--email ADDR] [--company C] [--lang en|fr]",
		summary: "Change a client's name, e-mail, company or language (rights: client rights).", run: clientEdit})
	register(&command{name: "client delete", usage: "LOGIN --yes",
		summary: "Remove a client with its subscriptions, domains, mailboxes, databases and login (files and backups stay).", run: clientDelete})
	register(&command{name: "subscription delete", usage: "DOMAIN --yes",
		summary: "Remove a subscription with its domains, mailboxes and databases (files stay).", run: removeOf("subscription")})
	register(&command{name: "domain delete", usage: "NAME --yes",
		summary: "Remove a domain that is not its subscription's main domain (files stay).", run: removeOf("domain")})
	register(&command{name: "mailbox delete", usage: "ADDRESS --yes",
		summary: "Remove a mailbox (its Maildir stays).", run: removeOf("mailbox")})
	register(&command{name: "database delete", usage: "SUBSCRIPTION/NAME --yes",
		summary: "Remove a database from Coffre with its saved password (the database stays).", run: removeOf("database")})
}

func clientEdit(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "client edit")
	name := f.String("name", "", "the client's name")
	email := f.String("email", "", "the client's mail address (\"\" removes it)")
	company := f.String("company", "", "the client's company (\"\" removes it)")
	lang := f.String("lang", "", "the panel's language for this client: en or fr")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	st, err := f.store()
	if err != nil {
		return err
	}
	err = st.UpdateClient(pos[0], func(c *account.Client) error {
		setText(f, "name", &c.Name, *name)
		setText(f, "email", &c.Email, *email)
		setText(f, "company", &c.Company, *company)
		setText(f, "lang", &c.Lang, *lang)
		return nil
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "client %s changed\n", pos[0])
	return nil
}

func clientDelete(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "client delete")
	yes := f.Bool("yes", false, "confirm the removal")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	if !*yes {
		return usagef("add --yes to remove %s with its subscriptions, domains, mailboxes, databases and login (files and backups stay)", pos[0])
	}
	st, err := f.store()
	if err != nil {
		return err
	}
	if err := tasks.CheckIdle(st, pos[0]); err != nil {
		return err
	}
	if err := st.DeleteClient(pos[0]); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "client %s removed; its files and backups stay\n", pos[0])
	return nil
}

// removeOf is the delete command of kind: it finds the owner of the object and removes it.
func removeOf(kind string) func(context.Context, Env, []string) error {
	return func(_ context.Context, env Env, args []string) error {
		f := newFlags(env, kind+" delete")
		yes := f.Bool("yes", false, "confirm the removal")
		pos, err := f.parse(args, 1)
		if err != nil {
			return err
		}
		if !*yes {
			return usagef("add --yes to remove the %s %s", kind, pos[0])
		}
		st, err := f.store()
		if err != nil {
			return err
		}
		if err := removeObject(st, kind, pos[0]); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "%s %s removed\n", kind, pos[0])
		return nil
	}
}

func removeObject(st *store.Store, kind, key string) error {
	owner, err := st.Owner(kind, key)
	if err != nil {
		return err
	}
	switch kind {
	case "subscription":
		return st.DeleteSubscription(owner, key)
	case "domain":
		return st.DeleteDomain(owner, key)
	case "mailbox":
		return st.DeleteMailbox(owner, key)
	}
	sub, name, _ := strings.Cut(key, "/")
	return st.DeleteDatabase(owner, sub, name)
}

// setText sets *dst to v when the flag name was given.
func setText(f *flags, name string, dst *string, v string) {
	if f.set(name) {
		*dst = v
	}
}
