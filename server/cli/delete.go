package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"

	"coffre/engine/spec"
	"coffre/server/jobs"
	"coffre/server/store"
)

func init() {
	register(&command{name: "delete", usage: "LOGIN BACKUP [--storage server|ftp] [--with-dependents] [--yes]",
		summary: "Delete a backup: its manifest first, then its index and volumes. Later incrementals that depend on it are named, and deleted with it only with --with-dependents. The backups to delete are listed and the deletion asks for \"yes\" on the standard input, unless --yes.",
		run:     deleteCmd})
}

func deleteCmd(ctx context.Context, env Env, args []string) error {
	f := newFlags(env, "delete")
	kind := f.String("storage", spec.StorageServer, "where the backup is: server or ftp")
	with := f.Bool("with-dependents", false, "also delete the later incrementals that depend on the backup")
	yes := f.Bool("yes", false, "do not ask for confirmation")
	pos, err := f.parse(args, 2)
	if err != nil {
		return err
	}
	e, err := openEngine(f)
	if err != nil {
		return err
	}
	login, name := pos[0], pos[1]
	deps, err := e.jobs.Dependents(ctx, login, *kind, name)
	if errors.Is(err, store.ErrNotFound) {
		return noBackup(login, *kind, name)
	}
	if err != nil {
		return checkedFor(err, login, "")
	}
	if len(deps) > 0 && !*with {
		return fmt.Errorf("later backups depend on %s: %s; add --with-dependents to delete them with it",
			name, strings.Join(deps, ", "))
	}
	names := append(deps, name)
	fmt.Fprintf(env.Stderr, "to delete from the %s storage of %s: %s\n", *kind, login, strings.Join(names, ", "))
	if !*yes && !confirmed(env, len(names)) {
		return errors.New("nothing deleted: not confirmed")
	}
	done, err := e.jobs.Delete(ctx, login, *kind, name, *with, names)
	for _, n := range done {
		fmt.Fprintf(env.Stdout, "deleted %s\n", n)
	}
	var se *store.Error
	if errors.As(err, &se) && se.Code == jobs.CodeConfirm {
		return fmt.Errorf("the backups changed meanwhile; nothing more deleted: %w", err)
	}
	return checkedFor(err, login, "")
}

// confirmed asks for "yes" on the standard input.
func confirmed(env Env, n int) bool {
	fmt.Fprintf(env.Stderr, "delete these %d backup(s)? type yes: ", n)
	line, _ := bufio.NewReader(env.Stdin).ReadString('\n')
	return strings.TrimSpace(line) == "yes"
}
