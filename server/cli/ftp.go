package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"coffre/engine/spec"
	"coffre/engine/storage/ftp"
	"coffre/server/ftpset"
	"coffre/server/keys"
	"coffre/server/store"
)

func init() {
	register(&command{name: "ftp set",
		usage:   "LOGIN --host H [--port 21] --user U [--password-file F] [--dir D] [--tls none|explicit|implicit] [--fingerprint SHA256]",
		summary: "Set a client's personal FTP storage; flags not given keep their saved value (the password too).",
		run:     ftpSet})
	register(&command{name: "ftp show", usage: "LOGIN [--json]",
		summary: "Show a client's personal FTP storage settings (never the password).", run: ftpShow})
	register(&command{name: "ftp test", usage: "LOGIN",
		summary: "Test a client's FTP storage: connect, log in, list, write, size, read and delete a probe file, with the server's answers.",
		run:     ftpTest})
}

func ftpSet(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "ftp set")
	var n spec.FTP
	f.StringVar(&n.Host, "host", "", "the FTP server's host name or IP address")
	f.IntVar(&n.Port, "port", 0, "the server's port (default 21, or 990 with --tls implicit)")
	f.StringVar(&n.User, "user", "", "the login on the FTP server")
	pwFile := f.String("password-file", "", "a file whose first line is the password")
	f.StringVar(&n.Dir, "dir", "", "the folder on the server that keeps the backups (default: the login folder)")
	f.StringVar(&n.TLS, "tls", spec.FTPTLSExplicit, "none, explicit (AUTH TLS) or implicit (TLS from the first byte)")
	f.StringVar(&n.Fingerprint, "fingerprint", "", "the SHA-256 fingerprint of the server's self-signed certificate to trust")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	st, k, err := storeAndKeys(f)
	if err != nil {
		return err
	}
	old, had, err := ftpset.Load(st, k, pos[0])
	if err != nil {
		return err
	}
	s := mergeFTPFlags(f, old.FTP, n, had)
	if *pwFile != "" {
		pw, err := readSecretFile(*pwFile)
		if err != nil {
			return err
		}
		s.Password = string(pw)
	}
	if err := ftpset.Save(st, k, pos[0], s); err != nil {
		return ftpRefusal(err)
	}
	saved, _, err := ftpset.Load(st, k, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "FTP storage of %s saved: %s\n", pos[0], saved)
	if c, err := st.Client(pos[0]); err == nil && !c.Rights.FTPStorage {
		fmt.Fprintf(env.Stderr, "note: %s may not use its FTP storage yet: coffre client rights %s --ftp-storage=true\n", pos[0], pos[0])
	}
	return nil
}

// mergeFTPFlags is the saved settings with the flags given on the command line; without saved
// settings, the flags as given (the port from the TLS mode when not given).
func mergeFTPFlags(f *flags, old, n spec.FTP, had bool) spec.FTP {
	if !had {
		if n.Port == 0 {
			n.Port = spec.DefaultFTPPort(n.TLS)
		}
		return n
	}
	s := old
	s.Password = ""
	for name, set := range map[string]func(){
		"host": func() { s.Host = n.Host }, "user": func() { s.User = n.User }, "dir": func() { s.Dir = n.Dir },
		"tls": func() { s.TLS = n.TLS }, "fingerprint": func() { s.Fingerprint = n.Fingerprint },
		"port": func() { s.Port = n.Port },
	} {
		if f.set(name) {
			set()
		}
	}
	if f.set("tls") && !f.set("port") && s.Port == spec.DefaultFTPPort(old.TLS) {
		s.Port = spec.DefaultFTPPort(s.TLS)
	}
	return s
}

// ftpRefusal turns the validation errors of FTP settings into a usage error (exit 2).
func ftpRefusal(err error) error {
	var es spec.Errors
	if !errors.As(err, &es) {
		return err
	}
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = "--" + e.Message()
	}
	return usageError{strings.Join(msgs, "; ")}
}

func loadFTP(f *flags, login string) (ftpset.Settings, *store.Store, error) {
	st, err := f.existingStore()
	if err != nil {
		return ftpset.Settings{}, nil, err
	}
	k, err := f.keys()
	if err != nil {
		return ftpset.Settings{}, nil, err
	}
	s, ok, err := ftpset.Load(st, k, login)
	if err == nil && !ok {
		err = fmt.Errorf("%s: %w (coffre ftp set %s --host H --user U --password-file F)", login, ftpset.ErrNotConfigured, login)
	}
	return s, st, err
}

func ftpShow(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "ftp show").withJSON()
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	if _, _, err := loadFTP(f, pos[0]); err != nil {
		return err
	}
	st, _ := f.existingStore()
	c, err := st.Client(pos[0])
	if err != nil {
		return err
	}
	if f.json {
		return printJSON(env.Stdout, c.FTP)
	}
	s := c.FTP
	fmt.Fprintf(env.Stdout, "Host:        %s\nPort:        %d\nLogin:       %s\nPassword:    %s\nFolder:      %s\nEncryption:  %s\nFingerprint: %s\nRight:       %s\n",
		s.Host, s.Port, s.User, setOrNot(s.HasPassword), orDash(s.Dir), s.TLS, orDash(s.Fingerprint),
		yesNo(c.Rights.FTPStorage))
	return nil
}

func setOrNot(b bool) string {
	if b {
		return "(set)"
	}
	return "(none)"
}

func ftpTest(ctx context.Context, env Env, args []string) error {
	f := newFlags(env, "ftp test")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	s, _, err := loadFTP(f, pos[0])
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Testing %s\n", s)
	rep := ftpset.Test(ctx, s)
	printFTPReport(env, rep)
	if fp := rep.Fingerprint; fp != "" && spec.NormalFingerprint(fp) != spec.NormalFingerprint(s.Fingerprint) {
		fmt.Fprintf(env.Stdout, "The server's certificate has the SHA-256 fingerprint\n  %s\n"+
			"If it is your server's certificate, trust it with:\n  coffre ftp set %s --fingerprint %s\n", fp, pos[0], fp)
	}
	if !rep.OK() {
		last := rep.Steps[len(rep.Steps)-1]
		return fmt.Errorf("the connection test failed at step %s", last.Step)
	}
	fmt.Fprintln(env.Stdout, "The FTP storage works.")
	return nil
}

// stepNames are the test's steps as a person reads them.
var stepNames = map[ftp.Step]string{ftp.StepConnect: "connect", ftp.StepTLS: "secure (TLS)", ftp.StepLogin: "log in",
	ftp.StepList: "list the folder", ftp.StepWrite: "write a probe file", ftp.StepSize: "read its size back",
	ftp.StepRead: "read it", ftp.StepDelete: "delete it"}

func printFTPReport(env Env, rep ftp.Report) {
	for _, st := range rep.Steps {
		mark := "ok"
		if !st.OK {
			mark = "FAILED"
		}
		line := fmt.Sprintf("  %-20s %-6s %s", stepNames[st.Step], mark, oneLine(st.Reply, 200))
		if st.Err != nil {
			line += "\n  " + strings.Repeat(" ", 27) + oneLine(st.Err.Error(), 300)
		}
		fmt.Fprintln(env.Stdout, strings.TrimRight(line, " "))
	}
}

// storeAndKeys opens the store of an existing data directory and its keys.
func storeAndKeys(f *flags) (*store.Store, *keys.Keys, error) {
	st, err := f.existingStore()
	if err != nil {
		return nil, nil, err
	}
	k, err := f.keys()
	return st, k, err
}
