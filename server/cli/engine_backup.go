package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"coffre/engine/backup"
	"coffre/engine/spec"
	"coffre/server/jobs"
	"coffre/server/tasks"
)

func init() {
	register(&command{name: "backup",
		usage:   "LOGIN [--websites-only] [--subscription DOMAIN]... [--config-only] [--no-mail] [--no-files] [--storage server|ftp] [--incremental] [--split-mb N] [--comment TEXT] [--exclude-logs] [--exclude PATTERNS]... [--notify ADDR] [--keep] [--password-file F] [--json]",
		summary: "Back up a client's account and websites now, as a task the panel shows too; exit 0 only once the backup is complete and listed.",
		run:     backupCmd})
}

// backupFlags maps the Back Up form (step 6 of docs/panel-flow.md) to flags, one per option.
type backupFlags struct {
	websitesOnly, configOnly, noMail, noFiles, incremental, excludeLogs *bool
	storage, comment, notify                                            *string
	splitMB                                                             *int
	subs, exclude                                                       listFlag
}

func newBackupFlags(f *flags) *backupFlags {
	b := &backupFlags{
		websitesOnly: f.Bool("websites-only", false, "back up the websites only, not the account (Back Up Websites)"),
		configOnly:   f.Bool("config-only", false, "configuration only, no content"),
		noMail:       f.Bool("no-mail", false, "leave out the mail configuration and content"),
		noFiles:      f.Bool("no-files", false, "leave out the user files and databases"),
		incremental:  f.Bool("incremental", false, "store only what changed since the last backup (the first of a chain is full)"),
		excludeLogs:  f.Bool("exclude-logs", false, "leave out log files and the log directories"),
		storage:      f.String("storage", spec.StorageServer, "where to keep the backup: server or ftp"),
		comment:      f.String("comment", "", "a comment kept with the backup"),
		notify:       f.String("notify", "", "mail this address when the task ends"),
		splitMB:      f.Int("split-mb", 0, "split into volumes of this many MB (1 MB = 1024 KB, as in the panel; 0: one volume)"),
	}
	f.Var(&b.subs, "subscription", "back up only this subscription (repeat for several)")
	f.Var(&b.exclude, "exclude", "patterns of files to leave out, separated by commas or newlines (repeatable)")
	return b
}

func (b *backupFlags) spec(login string) spec.Backup {
	s := spec.Backup{Client: login, Scope: spec.ScopeAccount, Subscriptions: b.subs, ConfigOnly: *b.configOnly,
		Mail: !*b.noMail, Files: !*b.noFiles, Storage: *b.storage, Incremental: *b.incremental,
		SplitMB: *b.splitMB, Comment: *b.comment, ExcludeLogs: *b.excludeLogs,
		Exclude: strings.Join(b.exclude, "\n"), Notify: *b.notify}
	if *b.websitesOnly {
		s.Scope = spec.ScopeWebsites
	}
	return s
}

func backupCmd(ctx context.Context, env Env, args []string) error {
	f := newFlags(env, "backup").withJSON()
	bf := newBackupFlags(f)
	keep := f.Bool("keep", false, "keep this backup forever: retention rules never delete it")
	pwFile := passwordFileFlag(f)
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	e, err := openEngine(f)
	if err != nil {
		return err
	}
	req := bf.spec(pos[0])
	req.Protected = *pwFile != ""
	if err := e.jobs.CheckBackup(req); err != nil {
		return checkedFor(err, req.Client, req.Exclude)
	}
	if err := keepPassword(e, *pwFile, tasks.BackupRequest(req)); err != nil {
		return err
	}
	t, err := e.runTask(ctx, env, tasks.BackupRequest(req))
	if err != nil {
		return err
	}
	if f.json {
		if err := printJSON(env.Stdout, t); err != nil {
			return err
		}
	}
	if err := outcome(env, t); err != nil {
		return err
	}
	if err := e.checkListed(ctx, env, t, !f.json); err != nil || !*keep {
		return err
	}
	return keepTask(ctx, e, t)
}

// checkListed makes sure the backup of a done task is in the catalog, complete, and says so.
func (e *engine) checkListed(ctx context.Context, env Env, t tasks.Task, say bool) error {
	var res backup.Result
	if err := json.Unmarshal(t.Result, &res); err != nil || res.Entry.Name == "" {
		return taskEnded{fmt.Errorf("task %s ended without naming its backup", t.ID)}
	}
	list, err := e.jobs.List(ctx, t.Client, res.Entry.Spec.Storage)
	if err != nil {
		return taskEnded{fmt.Errorf("list the backups of %s: %w", t.Client, err)}
	}
	i := slices.IndexFunc(list, func(l jobs.Listed) bool { return l.Name == res.Entry.Name })
	if i < 0 || list[i].Status != backup.StatusOK {
		return taskEnded{fmt.Errorf("backup %s is not listed as complete", res.Entry.Name)}
	}
	if say {
		en := list[i]
		fmt.Fprintf(env.Stdout, "backup %s done (task %s): %s, %d files, %s in %d volume(s), %d warning(s)\n",
			en.Name, t.ID, en.Type, en.Files, humanBytes(en.Size), len(en.Volumes), t.WarningCount)
	}
	return nil
}
