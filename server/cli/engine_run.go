package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"

	"coffre/server/jobs"
	"coffre/server/keys"
	"coffre/server/lock"
	"coffre/server/notify"
	"coffre/server/store"
	"coffre/server/tasks"
)

// engine is what the task commands (backup, restore, verify, backups, tasks) work with.
type engine struct {
	st   *store.Store
	keys *keys.Keys
	jobs *jobs.Jobs
}

// jobsOptions are the options of the jobs the commands use; tests set OpenStorage to inject
// storage faults.
var jobsOptions jobs.Options

// openEngine opens the store of an existing data directory, its keys and the jobs.
func openEngine(f *flags) (*engine, error) {
	st, err := f.existingStore()
	if err != nil {
		return nil, err
	}
	k, err := f.keys()
	if err != nil {
		return nil, err
	}
	return &engine{st: st, keys: k, jobs: jobs.New(st, k, jobsOptions)}, nil
}

// newRunner makes a task runner of this process, reporting each change to onUpdate.
func (e *engine) newRunner(onUpdate func(tasks.Task)) (*tasks.Runner, error) {
	return tasks.New(e.st, tasks.Options{Workers: 1, Exec: e.jobs.Exec, Notify: notify.Notifier(e.st, e.keys),
		Cleanup: e.jobs.Cleanup, OnUpdate: onUpdate})
}

// runTask runs req in this process as a task of the data directory's store, so that the panel
// shows it too, with its progress on env.Stderr. It waits while another task of the client
// runs (in the server or another command). Cancelling ctx (Ctrl-C) cancels the task.
func (e *engine) runTask(ctx context.Context, env Env, req tasks.Request) (tasks.Task, error) {
	show := newProgress(env.Stderr, isTerminal(env.Stderr), time.Now)
	r, err := e.newRunner(show.update)
	if err != nil {
		return tasks.Task{}, err
	}
	defer r.Close(context.Background())
	if release, err := lock.TryClient(e.st.Dir(), req.Client); err == nil {
		release()
	} else if errors.Is(err, lock.ErrBusy) {
		fmt.Fprintf(env.Stderr, "waiting for the task of %s that is running...\n", req.Client)
	}
	t, err := r.RunNow(ctx, req)
	show.end()
	return t, err
}

// checked turns a refusal of jobs' checks into the command's error: a wrong request is a wrong
// command line (exit 2), a refusal by the client's rights a failure (exit 1). Each problem is
// named by its flag (see checkedFor).
func checked(err error) error { return checkedFor(err, "", "") }

// outcome is nil when the task is done, else the error that says how it ended (a taskEnded:
// with --json the task printed says it). It also tells about the task's warnings and its mail.
func outcome(env Env, t tasks.Task) error {
	printWarnings(env.Stderr, t)
	if t.Mail.Status == tasks.MailFailed {
		fmt.Fprintf(env.Stderr, "the mail to %s was not sent: %s\n", t.Notify, oneLine(t.Mail.Error, 300))
	}
	switch t.Status {
	case tasks.Done:
		return nil
	case tasks.Warnings:
		fmt.Fprintf(env.Stderr, "task %s done with %d warning(s)\n", t.ID, t.WarningCount)
		return nil
	case tasks.Cancelled:
		if t.Kind == tasks.KindBackup {
			return taskEnded{fmt.Errorf("task %s cancelled: no backup was kept", t.ID)}
		}
		return taskEnded{fmt.Errorf("task %s cancelled", t.ID)}
	}
	return taskEnded{fmt.Errorf("task %s %s: %s", t.ID, t.Status, oneLine(t.Error, 2000))}
}

// taskEnded is a failure told by the JSON already printed (with --json: a task that ended
// badly, a list short of a storage): no other JSON follows it on stdout.
type taskEnded struct{ error }

func (e taskEnded) Unwrap() error { return e.error }

// printWarnings lists the first warnings of a task.
func printWarnings(w io.Writer, t tasks.Task) {
	const shown = 10
	for i, wn := range t.Warnings {
		if i == shown {
			fmt.Fprintf(w, "... and %d more warnings (coffre tasks --json, or the panel)\n", t.WarningCount-shown)
			break
		}
		fmt.Fprintf(w, "warning: %s: %s: %s\n", strconv.Quote(wn.Path), wn.Code, oneLine(wn.Err, 300))
	}
}

// oneLine makes s safe to print on one terminal line: control characters (escape sequences,
// line breaks from a file name) become spaces, and it is cut to max runes.
func oneLine(s string, max int) string {
	s = strings.ToValidUTF8(s, "?")
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == max {
			b.WriteString("…")
			break
		}
		if unicode.IsControl(r) {
			r = ' '
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
