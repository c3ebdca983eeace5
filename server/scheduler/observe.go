package scheduler

import (
	"context"
	"encoding/json"
	"time"

	"coffre/engine/backup"
	"coffre/server/tasks"
)

// observe records how the last run ended: its status, and on success when, and whether it
// made a full backup (the next full is counted from it).
func (s *Scheduler) observe(sc *Schedule) {
	st := &sc.State
	if st.LastTask == "" || tasks.Status(st.LastStatus).Ended() {
		return
	}
	t, err := s.tasks.Get(st.LastTask)
	if err != nil {
		st.LastStatus = string(tasks.Failed) // the task is gone: count it as failed
		st.LastEnded = s.opts.Clock()
		return
	}
	st.LastStatus = string(t.Status)
	if !t.Status.Ended() || t.Ended == nil {
		return
	}
	st.LastEnded = *t.Ended
	if !t.Status.Succeeded() {
		return
	}
	st.LastSuccess, st.Alerted = *t.Ended, false
	var res backup.Result
	if json.Unmarshal(t.Result, &res) == nil && res.Entry.Type == "full" && t.Schedule != nil {
		st.LastFull = t.Schedule.Due
	}
}

// alert mails the administrator, once per run of failures, when sc has not succeeded for
// twice its period (counted from its last success, or from when it was set).
func (s *Scheduler) alert(ctx context.Context, sc *Schedule, now time.Time) {
	since := sc.State.LastSuccess
	if since.Before(sc.Updated) {
		since = sc.Updated
	}
	if sc.State.Alerted || now.Sub(since) < 2*sc.When.Period() {
		return
	}
	sc.State.Alerted = true
	if err := s.opts.Alert(ctx, *sc, since); err != nil {
		s.opts.Log.Error("mail the administrator about a failing schedule", "client", sc.Client, "schedule", sc.ID, "err", err)
	}
}
