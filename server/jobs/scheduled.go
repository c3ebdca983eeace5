package jobs

import (
	"context"
	"strings"

	"coffre/engine/backup"
	"coffre/engine/retention"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/server/tasks"
)

// beforeScheduled logs, on the run of a schedule, when it was due and why it started late.
func beforeScheduled(t tasks.Task, rep *tasks.Reporter) {
	s := t.Schedule
	if s == nil {
		return
	}
	due := s.Due.Local().Format("2006-01-02 15:04 MST")
	if s.Late == "" {
		rep.Logf("Run of the schedule %s, due at %s.", s.ID, due)
		return
	}
	rep.Logf("Run of the schedule %s, due at %s, started late: %s.", s.ID, due, s.Late)
}

// afterScheduled applies, after the successful backup of a schedule's run, the schedule's
// retention rule to the storage, under the lock the task holds. What it deletes goes to the
// task's log; a failure is a warning of the task (the backup itself succeeded).
func (j *Jobs) afterScheduled(ctx context.Context, st storage.Storage, b spec.Backup, s *tasks.Scheduled, rep *tasks.Reporter) {
	if s == nil || s.Retention.Off() {
		return
	}
	p := retention.Policy{Rule: s.Retention, Tag: s.ID}
	if s.Storage {
		p.Tag = ""
	}
	out, err := j.pruneLocked(ctx, st, b.Client, b.Storage, []retention.Policy{p}, j.loc)
	if len(out.Deleted) > 0 {
		rep.Logf("Retention deleted %d backup(s): %s.", len(out.Deleted), strings.Join(out.Deleted, ", "))
	} else if err == nil {
		rep.Logf("Retention: no backup to delete.")
	}
	if err != nil {
		rep.Warn(backup.Warning{Code: "retention_failed", Err: err.Error()})
	}
}
