package cli

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"coffre/engine/account"
	"coffre/server/store"
)

func init() {
	register(&command{name: "subscription add", usage: "DOMAIN --client LOGIN --root DIR [--logs REL]... [--user NAME] [--docroot REL]",
		summary: "Add a subscription (a webspace) with its main domain, served from --docroot (default httpdocs).", run: subscriptionAdd})
	register(&command{name: "subscription list", usage: "[--client LOGIN] [--json]",
		summary: "List the subscriptions, of one client or of all.", run: subscriptionList})
}

func subscriptionAdd(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "subscription add")
	client := f.String("client", "", "the owner's login (required)")
	root := f.String("root", "", "the webspace root: an existing directory (required)")
	user := f.String("user", "", "the system user that owns the files")
	docroot := f.String("docroot", store.DefaultDocRoot, "the main domain's document root, relative to the root")
	var logs listFlag
	f.Var(&logs, "logs", "a log directory relative to the root (repeat for several)")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	if *client == "" || *root == "" {
		return usagef("--client and --root are required")
	}
	abs, err := filepath.Abs(*root)
	if err != nil {
		return err
	}
	st, err := f.store()
	if err != nil {
		return err
	}
	sub, err := st.AddSubscription(account.Subscription{Domain: pos[0], Client: *client, Root: abs,
		Logs: logs, User: *user}, *docroot)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "subscription %s added for %s, webspace %s\n", sub.Domain, sub.Client, sub.Root)
	return nil
}

func subscriptionList(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "subscription list").withJSON()
	client := f.String("client", "", "only this client's subscriptions")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	st, err := f.existingStore()
	if err != nil {
		return err
	}
	list, err := st.Subscriptions(*client)
	if err != nil {
		return err
	}
	if f.json {
		if list == nil {
			list = []account.Subscription{}
		}
		return printJSON(env.Stdout, list)
	}
	rows := make([][]string, 0, len(list))
	for _, s := range list {
		rows = append(rows, []string{s.Domain, s.Client, s.Root, orDash(strings.Join(s.Logs, ",")), orDash(s.User)})
	}
	return printTable(env.Stdout, []string{"DOMAIN", "CLIENT", "ROOT", "LOGS", "USER"}, rows)
}
