package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"coffre/engine/restore"
	"coffre/engine/spec"
	"coffre/engine/verify"
	"coffre/server/tasks"
)

func init() {
	register(&command{name: "restore",
		usage:   "LOGIN BACKUP [--storage server|ftp] [--subscription DOMAIN]... [--path P]... [--mailbox ADDR]... [--database NAME [--as NEW]]... [--overwrite] [--existing overwrite|newer|missing] [--to DIR | --into FOLDER] [--no-safety-backup] [--undo] [--preview] [--notify ADDR] [--trust-key FINGERPRINT] [--recreate] [--root-base DIR] [--password-file F] [--json]",
		summary: "Restore a backup, as a task: files, mail and databases (or only the --path, --mailbox and --database named) in place, or --to a directory in the archive's layout (DIR/files/<domain>/..., DIR/mail/<domain>/<address>/..., DIR/databases/<domain>/<name>.sql). Mail is added to a mailbox, never taken from it; a database that exists is replaced only with --overwrite. Existing files are overwritten (and what the backup did not have is removed below each restored folder), or with --existing newer kept when newer than the backup's, or with --existing missing only added when missing. A restore in place first makes a safety backup of the webspaces it writes to (not with --no-safety-backup); restoring that backup with --undo (and the same --subscription and --path) undoes the restore. --preview says what would be added, replaced and removed, writing nothing. A backup signed by another host needs --trust-key with its key's fingerprint; --recreate makes the subscriptions this host lacks.",
		run:     restoreCmd})
	register(&command{name: "verify", usage: "LOGIN BACKUP [--storage server|ftp] [--trust-key FINGERPRINT] [--password-file F] [--json]",
		summary: "Verify a backup, as a task: its signature, every volume's hash, every entry readable, the index consistent.",
		run:     verifyCmd})
}

func restoreCmd(ctx context.Context, env Env, args []string) error {
	f := newFlags(env, "restore").withJSON()
	kind := f.String("storage", spec.StorageServer, "where the backup is: server or ftp")
	to := f.String("to", "", "restore into this directory instead of the webspaces")
	overwrite := f.Bool("overwrite", false, "replace the databases that exist (else the restore is refused before anything is written)")
	var subs, paths, mailboxes listFlag
	var dbs dbFlag
	trust := f.String("trust-key", "", "restore a backup signed by another host: the fingerprint of its key, as coffre backups shows it")
	recreate := f.Bool("recreate", false, "recreate the subscriptions this host lacks, with the webspace roots the backup held")
	rootBase := f.String("root-base", "", "recreate the subscriptions this host lacks under DIR/<domain>")
	f.Var(&subs, "subscription", "restore only this subscription (repeat for several)")
	f.Var(&paths, "path", "restore only this path of the webspace, relative to its root (repeat for several)")
	f.Var(&mailboxes, "mailbox", "restore only the mail of this mailbox (repeat for several)")
	f.Var(&dbs, "database", "restore only this database (repeat for several)")
	f.Var(dbAs{&dbs}, "as", "restore the --database just before under this new name")
	existing := f.String("existing", spec.ExistingOverwrite, "files that exist: overwrite, newer (keep those newer than the backup's) or missing (only add what is missing)")
	into := f.String("into", "", "restore the files into this folder of each webspace (relative to its root) instead of in place")
	noSafety := f.Bool("no-safety-backup", false, "do not back up first what the restore replaces (it cannot be undone then)")
	undo := f.Bool("undo", false, "BACKUP is a restore's safety backup: undo that restore (paths it does not hold are removed)")
	notify := f.String("notify", "", "mail this address when the restore ends")
	preview := f.Bool("preview", false, "say what the restore would add, replace and remove, and write nothing")
	pwFile := passwordFileFlag(f)
	pos, err := f.parse(args, 2)
	if err != nil {
		return err
	}
	r := spec.Restore{Client: pos[0], Backup: pos[1], Storage: *kind, Subscriptions: subs, Mailboxes: mailboxes,
		Databases: []spec.DatabaseRestore(dbs), Overwrite: *overwrite, TrustKey: *trust, Recreate: *recreate,
		Existing: *existing, Into: strings.Trim(*into, "/"), NoSafetyBackup: *noSafety || *undo, Undo: *undo, Notify: *notify}
	for _, p := range paths {
		r.Paths = append(r.Paths, strings.Trim(p, "/"))
	}
	if r.To, err = target(*to); err != nil {
		return err
	}
	if r.RootBase, err = target(*rootBase); err != nil {
		return err
	}
	e, err := openEngine(f)
	if err != nil {
		return err
	}
	if err := e.jobs.CheckRestore(r); err != nil {
		return checkedFor(err, r.Client, "")
	}
	if err := e.backupExists(ctx, r.Client, r.Storage, r.Backup); err != nil {
		return err
	}
	if *preview {
		pctx, err := withPasswordFile(ctx, *pwFile)
		if err != nil {
			return err
		}
		return printPreview(pctx, env, e, r, f.json)
	}
	if err := keepPassword(e, *pwFile, tasks.RestoreRequest(r, r.Notify)); err != nil {
		return err
	}
	t, err := e.runTask(ctx, env, tasks.RestoreRequest(r, r.Notify))
	if err != nil {
		return err
	}
	if f.json {
		if err := printJSON(env.Stdout, t); err != nil {
			return err
		}
	}
	if err := outcome(env, t); err != nil || f.json {
		return err
	}
	printRestored(env, t, r.To)
	return nil
}

// printRestored says what a done restore task wrote.
func printRestored(env Env, t tasks.Task, to string) {
	var res restore.Result
	json.Unmarshal(t.Result, &res)
	where := "in place"
	if to != "" {
		where = "into " + to
	}
	fmt.Fprintf(env.Stdout, "restored %s %s (task %s): %d files, %d directories, %d symlinks, %s; %d removed, %d skipped\n",
		res.Backup, where, t.ID, res.Files, res.Dirs, res.Symlinks, humanBytes(res.Bytes), res.Removed, res.Skipped)
	if res.MailKept > 0 {
		fmt.Fprintf(env.Stdout, "mail: %d message(s) already in the mailboxes, left as they were\n", res.MailKept)
	}
	for _, d := range res.Databases {
		fmt.Fprintf(env.Stdout, "database %s restored\n", d)
	}
	if res.Kept > 0 {
		fmt.Fprintf(env.Stdout, "%d existing file(s) left as they were (--existing %s)\n", res.Kept, res.Existing)
	}
	if res.Safety != "" {
		fmt.Fprintf(env.Stdout, "safety backup %s: to undo, restore it with --undo and the same --subscription and --path\n", res.Safety)
	}
}

// printPreview says what restore r would do.
func printPreview(ctx context.Context, env Env, e *engine, r spec.Restore, asJSON bool) error {
	pv, err := e.jobs.PreviewRestore(ctx, r)
	if err != nil {
		return err
	}
	if asJSON {
		return printJSON(env.Stdout, pv)
	}
	fmt.Fprintf(env.Stdout, "restore of %s (existing files: %s) would add %d, replace %d, leave %d unchanged, keep %d, remove %d\n",
		pv.Backup, pv.Existing, pv.Added, pv.Replaced, pv.Unchanged, pv.Kept, pv.Removed)
	for _, l := range []struct {
		what  string
		paths []string
	}{{"add", pv.AddedPaths}, {"replace", pv.ReplacedPaths}, {"keep", pv.KeptPaths}, {"remove", pv.RemovedPaths}} {
		for _, p := range l.paths {
			fmt.Fprintf(env.Stdout, "  %-7s %q\n", l.what, p)
		}
	}
	return nil
}

// target is the --to directory as an absolute path without a trailing slash, "" for none.
func target(to string) (string, error) {
	if to == "" {
		return "", nil
	}
	if trimmed := strings.TrimRight(to, "/"); trimmed != "" {
		to = trimmed
	}
	abs, err := filepath.Abs(to)
	if err != nil {
		return "", fmt.Errorf("--to %s: %w", to, err)
	}
	return abs, nil
}

func verifyCmd(ctx context.Context, env Env, args []string) error {
	f := newFlags(env, "verify").withJSON()
	kind := f.String("storage", spec.StorageServer, "where the backup is: server or ftp")
	trust := f.String("trust-key", "", "verify a backup signed by another host: the fingerprint of its key")
	pwFile := passwordFileFlag(f)
	pos, err := f.parse(args, 2)
	if err != nil {
		return err
	}
	e, err := openEngine(f)
	if err != nil {
		return err
	}
	v := tasks.Verify{Client: pos[0], Backup: pos[1], Storage: *kind, TrustKey: *trust}
	if err := e.jobs.CheckVerify(v.Client, v.Backup, v.Storage); err != nil {
		return checked(err)
	}
	if err := e.backupExists(ctx, v.Client, v.Storage, v.Backup); err != nil {
		return err
	}
	if err := keepPassword(e, *pwFile, tasks.VerifyRequest(v, "")); err != nil {
		return err
	}
	t, err := e.runTask(ctx, env, tasks.VerifyRequest(v, ""))
	if err != nil {
		return err
	}
	if f.json {
		if err := printJSON(env.Stdout, t); err != nil {
			return err
		}
	}
	var rep verify.Report
	json.Unmarshal(t.Result, &rep)
	if !f.json {
		printProblems(env, rep)
	}
	if err := outcome(env, t); err != nil || f.json {
		return err
	}
	fmt.Fprintf(env.Stdout, "backup %s is sound (task %s): %d volume(s), %d entries, %s, %d index records\n",
		rep.Backup, t.ID, rep.Volumes, rep.Entries, humanBytes(rep.Bytes), rep.Indexed)
	return nil
}

// printProblems lists what a verification found wrong, each on its line.
func printProblems(env Env, rep verify.Report) {
	for _, p := range rep.Problems {
		where := p.Object
		if p.Path != "" {
			where += " " + fmt.Sprintf("%q", p.Path)
		}
		fmt.Fprintf(env.Stderr, "problem: %s: %s\n", where, oneLine(p.Error, 500))
	}
	if rep.More > 0 {
		fmt.Fprintf(env.Stderr, "... and %d more problems\n", rep.More)
	}
}
