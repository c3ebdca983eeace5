package cli

import (
	"context"
	"fmt"
	"strconv"

	"coffre/engine/account"
	"coffre/server/auth"
)

func init() {
	register(&command{name: "client add", usage: "LOGIN --name NAME [--email ADDR] [--company C] [--lang en|fr]",
		summary: "Add a client (with every right; see client rights).", run: clientAdd})
	register(&command{name: "client list", usage: "[--json]",
		summary: "List the clients with their numbers of subscriptions and domains.", run: clientList})
	register(&command{name: "client show", usage: "LOGIN [--json]",
		summary: "Show a client: rights, subscriptions, domains, mailboxes, databases.", run: clientShow})
	register(&command{name: "client rights", usage: "LOGIN [--server-storage=BOOL] [--ftp-storage=BOOL] [--account-backup=BOOL] [--restore=BOOL] [--json]",
		summary: "Show or change what a client may do.", run: clientRights})
	register(&command{name: "client password", usage: "LOGIN   (the new password on stdin)",
		summary: "Set the password a client logs in to its own panel with.", run: clientPassword})
}

func clientAdd(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "client add")
	name := f.String("name", "", "the client's name (required)")
	email := f.String("email", "", "the client's mail address")
	company := f.String("company", "", "the client's company")
	lang := f.String("lang", "en", "the panel's language for this client: en or fr")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	st, err := f.store()
	if err != nil {
		return err
	}
	c, err := st.AddClient(account.Client{Login: pos[0], Name: *name, Email: *email, Company: *company,
		Lang: *lang, Rights: account.AllRights})
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "client %s added\n", c.Login)
	return nil
}

func clientList(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "client list").withJSON()
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	st, err := f.existingStore()
	if err != nil {
		return err
	}
	list, err := st.Summaries()
	if err != nil {
		return err
	}
	if f.json {
		if list == nil {
			list = []account.ClientSummary{}
		}
		return printJSON(env.Stdout, list)
	}
	rows := make([][]string, 0, len(list))
	for _, c := range list {
		rows = append(rows, []string{c.Login, c.Name, orDash(c.Company), orDash(c.Email),
			strconv.Itoa(c.Subscriptions), strconv.Itoa(c.Domains)})
	}
	return printTable(env.Stdout, []string{"LOGIN", "NAME", "COMPANY", "EMAIL", "SUBSCRIPTIONS", "DOMAINS"}, rows)
}

func clientShow(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "client show").withJSON()
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	st, err := f.existingStore()
	if err != nil {
		return err
	}
	a, err := st.Account(pos[0])
	if err != nil {
		return err
	}
	if f.json {
		return printJSON(env.Stdout, a)
	}
	return printAccount(env, a)
}

func printAccount(env Env, a account.Account) error {
	c, w := a.Client, env.Stdout
	fmt.Fprintf(w, "Login:    %s\nName:     %s\nCompany:  %s\nEmail:    %s\nLanguage: %s\nCreated:  %s\n",
		c.Login, c.Name, orDash(c.Company), orDash(c.Email), c.Lang, c.Created.Format("2006-01-02 15:04 MST"))
	printRights(env, c.Rights)
	if f := c.FTP; f != nil {
		fmt.Fprintf(w, "FTP:      %s@%s:%d, folder %s, encryption %s, password %s (coffre ftp show %s)\n",
			f.User, f.Host, f.Port, orDash(f.Dir), f.TLS, setOrNot(f.HasPassword), c.Login)
	}
	fmt.Fprintln(w, "\nSubscriptions:")
	for _, s := range a.Subscriptions {
		fmt.Fprintf(w, "  %s  root %s  logs %v  user %s\n", s.Domain, s.Root, s.Logs, orDash(s.User))
	}
	fmt.Fprintln(w, "Domains:")
	for _, d := range a.Domains {
		fmt.Fprintf(w, "  %s  (subscription %s, docroot %s)\n", d.Name, d.Subscription, d.DocRoot)
	}
	fmt.Fprintln(w, "Mailboxes:")
	for _, m := range a.Mailboxes {
		fmt.Fprintf(w, "  %s  (subscription %s, Maildir %s)\n", m.Address, m.Subscription, m.Maildir)
	}
	fmt.Fprintln(w, "Databases:")
	for _, d := range a.Databases {
		fmt.Fprintf(w, "  %s  (subscription %s, %s %s)\n", d.Name, d.Subscription, d.Engine, dbWhere(d))
	}
	return nil
}

func dbWhere(d account.Database) string {
	if d.Engine == "sqlite" {
		return d.Path
	}
	return d.Host + ":" + strconv.Itoa(d.Port)
}

func printRights(env Env, r account.Rights) {
	fmt.Fprintf(env.Stdout, "Rights:   server storage %s, FTP storage %s, account backup %s, restore %s\n",
		yesNo(r.ServerStorage), yesNo(r.FTPStorage), yesNo(r.AccountBackup), yesNo(r.Restore))
}

func clientRights(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "client rights").withJSON()
	server := f.Bool("server-storage", true, "may back up and restore with the server storage")
	ftp := f.Bool("ftp-storage", true, "may back up and restore with its personal FTP storage")
	acct := f.Bool("account-backup", true, "may back up the account (otherwise websites only)")
	restore := f.Bool("restore", true, "may restore its backups")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	st, err := f.store()
	if err != nil {
		return err
	}
	if f.set("server-storage") || f.set("ftp-storage") || f.set("account-backup") || f.set("restore") {
		err = st.UpdateClient(pos[0], func(c *account.Client) error {
			setIf(f, "server-storage", &c.Rights.ServerStorage, *server)
			setIf(f, "ftp-storage", &c.Rights.FTPStorage, *ftp)
			setIf(f, "account-backup", &c.Rights.AccountBackup, *acct)
			setIf(f, "restore", &c.Rights.Restore, *restore)
			return nil
		})
		if err != nil {
			return err
		}
	}
	c, err := st.Client(pos[0])
	if err != nil {
		return err
	}
	if f.json {
		return printJSON(env.Stdout, c.Rights)
	}
	printRights(env, c.Rights)
	return nil
}

func setIf(f *flags, name string, dst *bool, v bool) {
	if f.set(name) {
		*dst = v
	}
}

func clientPassword(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "client password")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	st, err := f.store()
	if err != nil {
		return err
	}
	if _, err := st.Client(pos[0]); err != nil {
		return err
	}
	pw, err := readNewPassword(env, pos[0])
	if err != nil {
		return err
	}
	if err := auth.SetPassword(st, pos[0], pw); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "password of %s set; it logs in with the login %s\n", pos[0], pos[0])
	return nil
}
