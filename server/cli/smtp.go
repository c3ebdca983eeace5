package cli

import (
	"context"
	"fmt"

	"coffre/server/notify"
)

func init() {
	register(&command{name: "smtp set",
		usage:   "--host H [--port 25] [--tls none|starttls|tls] [--user U --password-file F] --from ADDR",
		summary: "Set the SMTP server that mails the end of tasks (without --password-file no password is kept).",
		run:     smtpSet})
	register(&command{name: "smtp show", usage: "[--json]",
		summary: "Show the SMTP settings (never the password).", run: smtpShow})
	register(&command{name: "smtp test", usage: "--to ADDR",
		summary: "Send a test mail with the SMTP settings.", run: smtpTest})
}

func smtpSet(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "smtp set")
	s := notify.Settings{}
	f.StringVar(&s.Host, "host", "", "the SMTP server's host name or address (required)")
	f.IntVar(&s.Port, "port", 25, "the SMTP server's port")
	f.StringVar(&s.TLS, "tls", notify.TLSStartTLS, "none, starttls (required STARTTLS) or tls (implicit TLS, usually port 465)")
	f.StringVar(&s.User, "user", "", "the user to log in as")
	pwFile := f.String("password-file", "", "a file whose first line is the user's password")
	f.StringVar(&s.From, "from", "", "the sender's address (required)")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	if s.Host == "" || s.From == "" {
		return usagef("--host and --from are required")
	}
	if *pwFile != "" {
		pw, err := readSecretFile(*pwFile)
		if err != nil {
			return err
		}
		s.Password = pw
	}
	st, err := f.store()
	if err != nil {
		return err
	}
	k, err := f.keys()
	if err != nil {
		return err
	}
	if err := notify.Save(st, k, s); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "SMTP settings saved: %s\n", s)
	return nil
}

func smtpShow(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "smtp show").withJSON()
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	s, ok, err := loadSMTP(f)
	if err != nil {
		return err
	}
	if !ok {
		return notify.ErrNotConfigured
	}
	if f.json {
		return printJSON(env.Stdout, s)
	}
	fmt.Fprintln(env.Stdout, s)
	return nil
}

func smtpTest(ctx context.Context, env Env, args []string) error {
	f := newFlags(env, "smtp test")
	to := f.String("to", "", "the address to send the test mail to (required)")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	if *to == "" {
		return usagef("--to is required")
	}
	s, ok, err := loadSMTP(f)
	if err != nil {
		return err
	}
	if !ok {
		return notify.ErrNotConfigured
	}
	if err := notify.SendTest(ctx, s, *to); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "test mail sent to %s via %s:%d\n", *to, s.Host, s.Port)
	return nil
}

func loadSMTP(f *flags) (notify.Settings, bool, error) {
	st, err := f.existingStore()
	if err != nil {
		return notify.Settings{}, false, err
	}
	k, err := f.keys()
	if err != nil {
		return notify.Settings{}, false, err
	}
	return notify.Load(st, k)
}
