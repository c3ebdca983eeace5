package tasks

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"coffre/server/failure"
	"coffre/server/lock"
	"coffre/server/store"
)

// Recover is called once at server start, before Submit. A task left running by a process
// that stopped (its client's lock is free) is marked interrupted, its leftovers are cleaned
// up (Cleanup) and its mail sent; a task running in a live process (the CLI) is left alone.
// A mail left pending by a stopped process is marked failed. Queued tasks are queued here, to
// run in creation order.
func (r *Runner) Recover(ctx context.Context) error {
	if err := r.reap(ctx); err != nil {
		return err
	}
	var queued, mails []Task
	err := r.st.View(func(tx *store.Tx) error {
		return each(tx, func(t Task) error {
			switch {
			case t.Status == Queued:
				queued = append(queued, t)
			case t.Mail.Status == MailPending && t.Owner.Instance != r.owner.Instance:
				mails = append(mails, t)
			}
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("recover tasks: %w", err)
	}
	for _, t := range mails {
		r.dropMail(t)
	}
	for _, t := range queued {
		r.enqueue(t)
	}
	r.poke()
	return nil
}

// reap interrupts (see interrupt) every task left running by a process that stopped. Recover
// calls it at server start, and List and Get before they read, so that on a host driven by
// cron alone a task whose process was killed reads interrupted, cleaned up, as soon as any
// Coffre command or the panel looks at the tasks.
func (r *Runner) reap(ctx context.Context) error {
	var running []Task
	err := r.st.View(func(tx *store.Tx) error {
		return eachRunning(tx, func(t Task) error {
			running = append(running, t)
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("recover tasks: %w", err)
	}
	for _, t := range running {
		if err := r.interrupt(ctx, t); err != nil {
			return fmt.Errorf("recover task %s: %w", t.ID, err)
		}
	}
	return nil
}

// interrupt ends a running task whose process stopped. Holding the client's lock proves it:
// the process that runs a task holds that lock from before it marks the task running until
// after it writes its end.
func (r *Runner) interrupt(ctx context.Context, t Task) error {
	r.mu.Lock()
	mine := r.live[t.ID] != nil
	r.mu.Unlock()
	if mine {
		return nil
	}
	release, err := lock.TryClient(r.st.Dir(), t.Client)
	if errors.Is(err, lock.ErrBusy) {
		return nil
	}
	if err != nil {
		return err
	}
	err = r.update(func(tx *store.Tx) (err error) {
		if t, err = load(tx, t.ID, true); err != nil || t.Status != Running {
			return err
		}
		now := r.opts.Clock()
		t.Status, t.Ended = Interrupted, &now
		t.Error = "the process running the task (pid " + strconv.Itoa(t.Owner.PID) + ") stopped"
		t.Failure = &failure.Info{Code: failure.Interrupted}
		t.Log = appendLine(t.Log, &t.LogDropped, LogLine{Time: now, Text: "Interrupted: " + t.Error + ".", Code: "interrupted"})
		if t.mailed() {
			t.Mail.Status = MailPending
		}
		return put(tx, t, true)
	})
	if err != nil || t.Status != Interrupted {
		release()
		return err
	}
	j := r.newJob(ctx, t)
	r.mu.Lock()
	r.live[t.ID] = j
	r.mu.Unlock()
	r.finish(j, release)
	return nil
}

// dropMail marks as failed the mail of a task whose process stopped before sending it.
func (r *Runner) dropMail(t Task) {
	err := r.update(func(tx *store.Tx) (err error) {
		if t, err = load(tx, t.ID, false); err != nil || t.Mail.Status != MailPending {
			return err
		}
		t.Mail = Mail{Status: MailFailed, Error: "the process stopped before sending it", Failure: &failure.Info{Code: failure.Interrupted}}
		return put(tx, t, false)
	})
	if err != nil {
		r.opts.Log.Error("recover task mail", "task", t.ID, "err", err)
	}
}
