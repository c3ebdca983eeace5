package jobs

import (
	"context"
	"fmt"
	"strings"
	"time"

	"coffre/engine/backup"
	"coffre/engine/progress"
	"coffre/engine/retention"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/server/tasks"
)

// lateAfter is how long after its due time a run that starts counts as late.
const lateAfter = 5 * time.Minute

// beforeScheduled logs, on the run of a schedule, when it was due and why it started late,
// and lowers the priority of the task's thread when the schedule asks (lowPriority). Exec
// calls it on the runner's goroutine of the task, which ends with the task.
func (j *Jobs) beforeScheduled(t tasks.Task, rep *tasks.Reporter) {
	s := t.Schedule
	if s == nil {
		return
	}
	due := s.Due.In(j.loc).Format("2006-01-02 15:04 MST")
	late := s.Late
	if wait := j.clock().Sub(s.Due); late == "" && wait > lateAfter {
		late = fmt.Sprintf("it waited %s for a free worker (other tasks were running)", wait.Round(time.Minute))
	}
	if late == "" {
		rep.Logf("Run of the schedule %s, due at %s.", s.ID, due)
	} else {
		rep.Logf("Run of the schedule %s, due at %s, started late: %s.", s.ID, due, late)
	}
	if !s.LowPriority {
		return
	}
	if err := lowPriority(); err != nil {
		rep.Logf("Could not run at low priority: %v.", err)
		return
	}
	rep.Logf("Running at low CPU and I/O priority (nice 19, best-effort I/O level 7).")
}

// afterScheduled applies, after the successful backup of a schedule's run, the schedule's
// retention rule to the storage, under the lock the task holds. What it deletes goes to the
// task's log; a failure is a warning of the task (the backup itself succeeded).
func (j *Jobs) afterScheduled(ctx context.Context, st storage.Storage, b spec.Backup, s *tasks.Scheduled, rep *tasks.Reporter) {
	if s == nil || !anyRule(s.Retention) {
		return
	}
	out, err := j.pruneLocked(ctx, st, b.Client, b.Storage, s.Retention, j.loc)
	if len(out.Deleted) > 0 {
		rep.Logf("Retention deleted %d backup(s): %s.", len(out.Deleted), strings.Join(out.Deleted, ", "))
	} else if err == nil {
		rep.Logf("Retention: no backup to delete.")
	}
	if err != nil {
		rep.Warn(backup.Warning{Code: progress.RetentionFailed, Err: err.Error()})
	}
}

func anyRule(ps []retention.Policy) bool {
	for _, p := range ps {
		if !p.Rule.Off() {
			return true
		}
	}
	return false
}
