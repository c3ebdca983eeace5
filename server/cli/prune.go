package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"coffre/engine/backup"
	"coffre/engine/spec"
	"coffre/server/jobs"
	"coffre/server/scheduler"
	"coffre/server/store"
	"coffre/server/tasks"
)

func init() {
	register(&command{name: "prune", usage: "LOGIN [--storage server|ftp] [--dry-run] [--json]",
		summary: "Apply the retention rules of a client's schedules now: every chain all of whose backups expired is deleted whole. With --dry-run, only say what would go.",
		run:     pruneCmd})
	register(&command{name: "keep", usage: "LOGIN BACKUP [--storage server|ftp] [--off]",
		summary: "Mark a backup as kept forever (retention never deletes it nor its chain), or no longer with --off.",
		run:     keepCmd})
}

// pruneResult is one storage's outcome, as --json prints it.
type pruneResult struct {
	Storage string `json:"storage"`
	DryRun  bool   `json:"dryRun"`
	jobs.Pruned
}

func pruneCmd(ctx context.Context, env Env, args []string) error {
	f := newFlags(env, "prune").withJSON()
	kind := f.String("storage", "", "only this storage: server or ftp (default: every storage a schedule uses)")
	dry := f.Bool("dry-run", false, "delete nothing; list what would be deleted")
	pos, err := f.parse(args, 1)
	if err != nil {
		return err
	}
	e, err := openEngine(f)
	if err != nil {
		return err
	}
	login := pos[0]
	if _, err := e.st.Client(login); err != nil {
		return err
	}
	kinds, err := pruneKinds(e, login, *kind)
	if err != nil {
		return err
	}
	out := []pruneResult{}
	for _, k := range kinds {
		r, err := pruneOne(ctx, e, login, k, *dry)
		out = append(out, r)
		if !f.json {
			printPruned(env, login, r)
		}
		if err != nil {
			return checked(err)
		}
	}
	if f.json {
		return printJSON(env.Stdout, out)
	}
	return nil
}

// pruneKinds are the storages to prune: the one asked, or those the client's schedules use.
func pruneKinds(e *engine, login, kind string) ([]string, error) {
	if kind != "" {
		if kind != spec.StorageServer && kind != spec.StorageFTP {
			return nil, usagef("--storage must be server or ftp")
		}
		return []string{kind}, nil
	}
	all, err := scheduler.List(e.st, login)
	if err != nil {
		return nil, err
	}
	var kinds []string
	for _, sc := range all {
		if !slices.Contains(kinds, sc.Backup.Storage) {
			kinds = append(kinds, sc.Backup.Storage)
		}
	}
	slices.Sort(kinds)
	return kinds, nil
}

func pruneOne(ctx context.Context, e *engine, login, kind string, dry bool) (pruneResult, error) {
	r := pruneResult{Storage: kind, DryRun: dry}
	ps, err := scheduler.Policies(e.st, login, kind, nil)
	if err != nil {
		return r, err
	}
	loc := scheduler.New(e.st, nil, e.jobs, scheduler.Options{}).Location()
	if dry {
		r.Plan, err = e.jobs.PrunePlan(ctx, login, kind, ps, loc)
		return r, err
	}
	r.Pruned, err = e.jobs.Prune(ctx, login, kind, ps, loc)
	return r, err
}

func printPruned(env Env, login string, r pruneResult) {
	verb := "deleted"
	names := r.Deleted
	if r.DryRun {
		verb = "would delete"
		for _, c := range r.Plan.Delete {
			names = append(names, c.Names...)
		}
	}
	fmt.Fprintf(env.Stdout, "%s storage of %s: keeps %d backup(s), %s %d\n", r.Storage, login, len(r.Plan.Keep), verb, len(names))
	for _, n := range names {
		fmt.Fprintf(env.Stdout, "%s %s\n", verb, n)
	}
}

func keepCmd(ctx context.Context, env Env, args []string) error {
	f := newFlags(env, "keep")
	kind := f.String("storage", spec.StorageServer, "where the backup is: server or ftp")
	off := f.Bool("off", false, "no longer keep it forever")
	pos, err := f.parse(args, 2)
	if err != nil {
		return err
	}
	e, err := openEngine(f)
	if err != nil {
		return err
	}
	if err := keepBackup(ctx, e, pos[0], *kind, pos[1], !*off); err != nil {
		return checked(err)
	}
	if *off {
		fmt.Fprintf(env.Stdout, "backup %s is no longer kept forever\n", pos[1])
	} else {
		fmt.Fprintf(env.Stdout, "backup %s is kept forever\n", pos[1])
	}
	return nil
}

// keepBackup marks a listed backup kept forever (or not): it must be in the storage.
func keepBackup(ctx context.Context, e *engine, login, kind, name string, kept bool) error {
	err := e.jobs.SetKept(ctx, login, kind, name, kept)
	if errors.Is(err, store.ErrNotFound) {
		return fmt.Errorf("backup %s of %s is not in the %s storage", name, login, kind)
	}
	return err
}

// keepTask marks the backup of a done backup task kept forever.
func keepTask(ctx context.Context, e *engine, t tasks.Task) error {
	var res backup.Result
	if err := json.Unmarshal(t.Result, &res); err != nil {
		return fmt.Errorf("task %s: %w", t.ID, err)
	}
	if err := keepBackup(ctx, e, t.Client, res.Entry.Spec.Storage, res.Entry.Name, true); err != nil {
		return fmt.Errorf("keep backup %s forever: %w", res.Entry.Name, err)
	}
	return nil
}
