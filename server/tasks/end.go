package tasks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"
)

// outcome is the status a task ends with, given what Exec returned.
func outcome(ctx context.Context, err error) Status {
	switch {
	case err == nil:
		return Done
	case ctx.Err() == nil:
		return Failed
	case errors.Is(context.Cause(ctx), errShutdown):
		return Interrupted
	default:
		return Cancelled
	}
}

// end records how the task ended, then finishes it.
func (r *Runner) end(j *job, result any, err error, release func()) {
	status := outcome(j.ctx, err)
	raw, mErr := json.Marshal(result)
	j.set(func(t *Task, now time.Time) {
		if status == Done && t.WarningCount > 0 {
			status = Warnings
		}
		t.Status, t.Ended = status, &now
		if result != nil && mErr == nil {
			t.Result = raw
		}
		switch status {
		case Done:
			t.Log = appendLog(t.Log, &t.LogDropped, now, "Done.")
		case Warnings:
			t.Log = appendLog(t.Log, &t.LogDropped, now, fmt.Sprintf("Done with %d warning(s).", t.WarningCount))
		case Failed:
			t.Error = err.Error()
			t.Log = appendLog(t.Log, &t.LogDropped, now, "Failed: "+t.Error)
		case Cancelled:
			t.Log = appendLog(t.Log, &t.LogDropped, now, "Cancelled.")
		case Interrupted:
			t.Error = errShutdown.Error()
			t.Log = appendLog(t.Log, &t.LogDropped, now, "Interrupted: "+t.Error+".")
		}
		if t.Notify != "" {
			t.Mail.Status = MailPending
		}
		j.dirty = true
	}, false)
	r.finish(j, release)
}

// finish completes an ended task: the leftovers of an interrupted one are cleaned up under
// its client's lock, the final state is written, the lock is released, then the mail is sent
// and its outcome written.
func (r *Runner) finish(j *job, release func()) {
	ctx := context.WithoutCancel(r.base)
	t := j.snapshot(false)
	if t.Status == Interrupted {
		msg := "Leftovers removed."
		if err := r.opts.Cleanup(ctx, t); err != nil {
			msg = "Could not remove the leftovers: " + err.Error()
		}
		j.set(func(t *Task, now time.Time) {
			t.Log = appendLog(t.Log, &t.LogDropped, now, msg)
			j.dirty = true
		}, false)
	}
	if err := j.flush(); err != nil {
		r.opts.Log.Error("end task", "task", j.id, "err", err)
	}
	logEnd(r.opts.Log, t)
	release()
	if t.Notify != "" {
		r.mail(ctx, j)
	}
	r.forget(j)
}

// mail sends the task's mail and records the outcome.
func (r *Runner) mail(ctx context.Context, j *job) {
	err := r.opts.Notify(ctx, j.snapshot(true))
	j.set(func(t *Task, now time.Time) {
		t.Mail = Mail{Status: MailSent}
		if err != nil {
			t.Mail = Mail{Status: MailFailed, Error: err.Error()}
			t.Log = appendLog(t.Log, &t.LogDropped, now, "The mail to "+t.Notify+" could not be sent: "+err.Error())
			j.dirty = true
		}
	}, false)
	if err := j.flush(); err != nil {
		r.opts.Log.Error("end task", "task", j.id, "err", fmt.Errorf("record mail: %w", err))
	}
}

// logEnd logs a task's end at INFO, and why it failed.
func logEnd(log *slog.Logger, t Task) {
	attrs := []any{"task", t.ID, "kind", t.Kind, "client", t.Client, "status", t.Status}
	if t.Error != "" {
		attrs = append(attrs, "err", t.Error)
	}
	log.Info("task ended", attrs...)
}
