package cli

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"coffre/engine/backup"
	"coffre/engine/manifest"
	"coffre/engine/spec"
	"coffre/server/jobs"
	"coffre/server/tasks"
)

func init() {
	register(&command{name: "backups", usage: "LOGIN [--storage server|ftp] [--json]",
		summary: "List a client's backups, newest first: name, date, type, parent, size, volumes, comment, status (a broken chain names what is missing).",
		run:     backupsCmd})
	register(&command{name: "tasks", usage: "[--client LOGIN] [--limit N] [--json]",
		summary: "List the tasks (backups, restores, verifications), newest first, with their status.", run: tasksCmd})
}

func backupsCmd(ctx context.Context, env Env, args []string) error {
	f := newFlags(env, "backups").withJSON()
	kind := f.String("storage", "", "only this storage: server or ftp (default: every storage)")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	if *kind != "" && *kind != spec.StorageServer && *kind != spec.StorageFTP {
		return usagef("--storage must be server or ftp")
	}
	e, err := openEngine(f)
	if err != nil {
		return err
	}
	list, lerr := e.jobs.List(ctx, pos[0], *kind)
	var se *jobs.StorageError
	if lerr != nil && (!errors.As(lerr, &se) || len(list) == 0) {
		return storageHint(lerr, pos[0])
	}
	if f.json {
		if err := printJSON(env.Stdout, list); err != nil {
			return err
		}
		if lerr != nil {
			return taskEnded{storageHint(lerr, pos[0])} // the list printed is all there is
		}
		return nil
	}
	rows := make([][]string, 0, len(list))
	for _, b := range list {
		rows = append(rows, []string{b.Name, b.Created.Local().Format("2006-01-02 15:04:05"), b.Type,
			orDash(b.Parent), b.Storage, humanBytes(b.Size), strconv.Itoa(len(b.Volumes)),
			holdsOf(b.Entry), orDash(oneLine(b.Spec.Comment, 40)), status(b.Entry), signedBy(b.Signature)})
	}
	if err := printTable(env.Stdout, []string{"NAME", "CREATED", "TYPE", "PARENT", "STORAGE", "SIZE", "VOLUMES", "HOLDS", "COMMENT", "STATUS", "SIGNATURE"}, rows); err != nil {
		return err
	}
	return storageHint(lerr, pos[0])
}

// holdsOf is holds, or for a protected backup (whose manifest names nothing) that it is.
func holdsOf(e backup.Entry) string {
	if e.Protected {
		return "password-protected"
	}
	return holds(e.Captured)
}

// holds says in a few words what a backup holds, from its manifest's record.
func holds(c *manifest.Captured) string {
	if c == nil {
		return "not recorded"
	}
	if !c.Files && !c.Mail {
		return "configuration only"
	}
	var parts []string
	if c.Files {
		parts = append(parts, fmt.Sprintf("%d files", c.WebFiles))
		failed := 0
		for _, d := range c.DBs {
			if !d.Dumped() {
				failed++
			}
		}
		db := fmt.Sprintf("%d databases", len(c.DBs)-failed)
		if failed > 0 {
			db += fmt.Sprintf(" (%d NOT dumped)", failed)
		}
		parts = append(parts, db)
	}
	if c.Mail {
		var msgs int64
		for _, m := range c.Mailboxes {
			msgs += m.Messages
		}
		parts = append(parts, fmt.Sprintf("%d mailboxes (%d messages)", len(c.Mailboxes), msgs))
	}
	return strings.Join(parts, ", ")
}

// signedBy says who signed a backup's manifest.
func signedBy(s manifest.SignatureStatus) string {
	switch s.Signer {
	case manifest.SignedByHost:
		return "signed by this host"
	case manifest.SignedByTrusted:
		return "signed by a trusted host (" + s.Fingerprint + ")"
	case manifest.SignedByOther:
		return "signed by another host (" + s.Fingerprint + ")"
	case manifest.NotSigned:
		return "not signed"
	case manifest.SigMismatch:
		return "signature does not match the manifest"
	}
	return "-"
}

// status says whether a backup can be restored, naming the missing links of a broken chain.
func status(e backup.Entry) string {
	if e.Status != backup.StatusBroken {
		return e.Status
	}
	return "broken (missing " + strings.Join(e.Missing, ", ") + ")"
}

func tasksCmd(_ context.Context, env Env, args []string) error {
	f := newFlags(env, "tasks").withJSON()
	client := f.String("client", "", "only this client's tasks")
	limit := f.Int("limit", 50, "at most this many, the newest")
	if _, err := f.parse(args, 0); err != nil {
		return err
	}
	if *limit < 1 {
		return usagef("--limit must be at least 1, got %d", *limit)
	}
	e, err := openEngine(f)
	if err != nil {
		return err
	}
	if *client != "" {
		if _, err := e.st.Client(*client); err != nil {
			return err
		}
	}
	r, err := e.newRunner(nil)
	if err != nil {
		return err
	}
	defer r.Close(context.Background())
	list, err := r.List(tasks.Filter{Client: *client, Limit: *limit})
	if err != nil {
		return err
	}
	if f.json {
		if list == nil {
			list = []tasks.Task{}
		}
		return printJSON(env.Stdout, list)
	}
	rows := make([][]string, 0, len(list))
	for _, t := range list {
		rows = append(rows, []string{t.ID, string(t.Kind), t.Client, string(t.Status),
			t.Created.Local().Format("2006-01-02 15:04:05"), taskDetail(t)})
	}
	return printTable(env.Stdout, []string{"ID", "KIND", "CLIENT", "STATUS", "CREATED", "DETAIL"}, rows)
}

// taskDetail is one short line about a task: its progress while it runs, its error or its
// duration once ended.
func taskDetail(t tasks.Task) string {
	switch {
	case t.Status == tasks.Running:
		return progressLine(t.Progress)
	case t.Error != "":
		return oneLine(t.Error, 80)
	case t.Ended != nil && t.Started != nil:
		d := fmt.Sprintf("took %s", t.Ended.Sub(*t.Started).Round(time.Millisecond))
		if t.WarningCount > 0 {
			d += fmt.Sprintf(", %d warning(s)", t.WarningCount)
		}
		return d
	}
	return "-"
}
