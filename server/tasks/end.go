package tasks

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strconv"
	"time"

	"coffre/server/failure"
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
		t.Log = appendLine(t.Log, &t.LogDropped, endLine(t, status, err, now))
		if t.mailed() {
			t.Mail.Status = MailPending
		}
		j.dirty = true
	})
	r.finish(j, release)
}

// finish completes an ended task: the leftovers of an interrupted one are cleaned up under
// its client's lock, the final state is written, the lock is released, then the mail is sent
// and its outcome written.
func (r *Runner) finish(j *job, release func()) {
	ctx := context.WithoutCancel(r.base)
	t := j.snapshot(false)
	if t.Status == Interrupted {
		err := r.opts.Cleanup(ctx, t)
		j.set(func(t *Task, now time.Time) {
			l := LogLine{Time: now, Text: "Leftovers removed.", Code: "leftovers_removed"}
			if err != nil {
				l, _ = failureLine(now, "leftovers_failed", "Could not remove the leftovers: "+err.Error(), err)
			}
			t.Log = appendLine(t.Log, &t.LogDropped, l)
			j.dirty = true
		})
	}
	if err := j.flush(); err != nil {
		r.opts.Log.Error("end task", "task", j.id, "err", err)
	}
	logEnd(r.opts.Log, t)
	release()
	if t.mailed() {
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
			l, info := failureLine(now, "mail_failed", "The mail to "+t.Notify+" could not be sent: "+err.Error(), err, "to", t.Notify)
			t.Mail = Mail{Status: MailFailed, Error: err.Error(), Failure: info}
			t.Log = appendLine(t.Log, &t.LogDropped, l)
			j.dirty = true
		}
	})
	if err := j.flush(); err != nil {
		r.opts.Log.Error("end task", "task", j.id, "err", fmt.Errorf("record mail: %w", err))
	}
}

// endLine is the last line of a task's log, which says how it ended; a failed or interrupted
// task's error is recorded on t with its code (server/failure).
func endLine(t *Task, status Status, err error, now time.Time) LogLine {
	switch status {
	case Warnings:
		return LogLine{Time: now, Text: fmt.Sprintf("Done with %d warning(s).", t.WarningCount), Code: "done_warnings",
			Args: map[string]string{"count": strconv.Itoa(t.WarningCount)}}
	case Failed:
		t.Error = err.Error()
		l, info := failureLine(now, "failed", "Failed: "+t.Error, err)
		t.Failure = info
		return l
	case Cancelled:
		return LogLine{Time: now, Text: "Cancelled.", Code: "cancelled"}
	case Interrupted:
		t.Error = errShutdown.Error()
		t.Failure = &failure.Info{Code: failure.Interrupted}
		return LogLine{Time: now, Text: "Interrupted: " + t.Error + ".", Code: "interrupted"}
	}
	return LogLine{Time: now, Text: "Done.", Code: "done"}
}

// logEnd logs a task's end at INFO, and why it failed.
func logEnd(log *slog.Logger, t Task) {
	attrs := []any{"task", t.ID, "kind", t.Kind, "client", t.Client, "status", t.Status}
	if t.Error != "" {
		attrs = append(attrs, "err", t.Error)
	}
	log.Info("task ended", attrs...)
}
