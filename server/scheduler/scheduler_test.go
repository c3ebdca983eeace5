package scheduler

import (
	"strings"
	"testing"
	"time"

	"coffre/engine/schedule"
	"coffre/engine/spec"
	"coffre/server/tasks"
)

func paris(e *env, s string) time.Time {
	v, _ := time.ParseInLocation("2006-01-02 15:04", s, e.loc)
	return v
}

// A daily schedule at 02:00 runs once a day, on time, whatever the ticks between.
func TestDailyRunsOncePerDay(t *testing.T) {
	e := newEnv(t, 2, time.Date(2026, 11, 24, 11, 0, 0, 0, time.UTC))
	e.set("acme", "default", schedule.When{Every: schedule.Daily, At: "02:00"})
	runs := e.every(10*time.Minute, "2026-11-24 12:00", "2026-11-27 23:50")
	if len(runs) != 3 {
		t.Fatalf("%d runs in 3 days, want 3", len(runs))
	}
	for i, r := range runs {
		want := paris(e, "2026-11-25 02:00").AddDate(0, 0, i)
		if r.Schedule == nil || !r.Schedule.Due.Equal(want) || !r.Created.Equal(want) {
			t.Errorf("run %d: %+v created %s, want due and created at %s", i, r.Schedule, r.Created, want)
		}
		if r.Schedule.Late != "" || r.Status != tasks.Done {
			t.Errorf("run %d: late %q, status %s", i, r.Schedule.Late, r.Status)
		}
	}
}

// A server down across two run times runs the backup once when it comes back, and the task
// says it was late and why; the next run is on time again.
func TestServerDownRunsOnceLate(t *testing.T) {
	e := newEnv(t, 2, time.Date(2026, 11, 24, 11, 0, 0, 0, time.UTC))
	e.set("acme", "default", schedule.When{Every: schedule.Daily, At: "02:00"})
	if runs := e.every(10*time.Minute, "2026-11-24 12:00", "2026-11-25 03:00"); len(runs) != 1 {
		t.Fatalf("%d runs before the stop, want 1", len(runs))
	}
	e.stop() // down from the 25th 03:00 to the 27th 09:00: the runs of the 26th and 27th are missed
	e.clock.Set(paris(e, "2026-11-27 09:00"))
	e.start(2)
	runs := e.every(10*time.Minute, "2026-11-27 09:00", "2026-11-27 23:50")
	if len(runs) != 1 {
		t.Fatalf("%d runs after the restart, want 1", len(runs))
	}
	r := runs[0]
	if r.Schedule == nil || !r.Schedule.Due.Equal(paris(e, "2026-11-26 02:00")) || r.Schedule.Missed != 1 {
		t.Fatalf("late run: %+v", r.Schedule)
	}
	if !strings.Contains(r.Schedule.Late, "the server was not running at 2026-11-26 02:00") {
		t.Errorf("late reason %q", r.Schedule.Late)
	}
	if next := e.every(10*time.Minute, "2026-11-28 00:00", "2026-11-28 03:00"); len(next) != 1 || next[0].Schedule.Late != "" {
		t.Errorf("the next day: %d runs, %+v", len(next), next)
	}
}

// Two schedules of one client due at once run one after the other, the second marked late
// because of the first; an hourly schedule whose backup outlasts its period keeps at most one
// run waiting.
func TestSchedulesOfOneClientDoNotOverlap(t *testing.T) {
	e := newEnv(t, 4, time.Date(2026, 11, 24, 11, 0, 0, 0, time.UTC))
	e.exec.hold = make(chan struct{})
	e.set("acme", "nightly", schedule.When{Every: schedule.Daily, At: "02:00"})
	e.set("acme", "hourly", schedule.When{Every: schedule.Hourly})
	e.at("2026-11-24 12:30")
	queued := e.at("2026-11-25 02:00")
	if len(queued) != 2 {
		t.Fatalf("%d runs queued at 02:00, want 2", len(queued))
	}
	if queued[1].Schedule.Late != "a task of the same client was still running" {
		t.Errorf("second run's late reason: %q", queued[1].Schedule.Late)
	}
	e.waitStarted(1)
	// The hourly run started first and still runs: one more run waits; the next ones fold into it.
	if more := e.at("2026-11-25 03:00"); len(more) != 1 {
		t.Errorf("at 03:00: %d runs queued, want 1", len(more))
	}
	for _, h := range []string{"04:00", "05:00"} {
		if more := e.at("2026-11-25 " + h); len(more) != 0 {
			t.Errorf("at %s: %d more runs queued while one waits", h, len(more))
		}
	}
	close(e.exec.hold)
	for _, q := range e.tasks() {
		if got := e.wait(q.ID); got.Status != tasks.Done {
			t.Errorf("run %s: %s", q.ID, got.Status)
		}
	}
	if e.exec.maxClient != 1 {
		t.Errorf("%d tasks of the client ran at once", e.exec.maxClient)
	}
	if more := e.at("2026-11-25 06:00"); len(more) != 1 {
		t.Errorf("at 06:00: %d runs, want the hourly one", len(more))
	}
}

// 500 clients scheduled at 02:00 are all queued at once and run at most Workers at a time.
func TestSpreadFiveHundredClients(t *testing.T) {
	e := newEnv(t, 3, time.Date(2026, 11, 24, 11, 0, 0, 0, time.UTC))
	for i := range 500 {
		e.set("client"+strings.Repeat("x", i%3)+string(rune('a'+i%26))+itoa(i), "default",
			schedule.When{Every: schedule.Daily, At: "02:00"})
	}
	e.exec.hold = make(chan struct{})
	queued := e.at("2026-11-25 02:00")
	if len(queued) != 500 {
		t.Fatalf("%d runs queued, want 500", len(queued))
	}
	// Every worker is held: 3 run, the others wait in the queue.
	e.waitStarted(3)
	status := map[tasks.Status]int{}
	for _, q := range e.tasks() {
		status[q.Status]++
	}
	if status[tasks.Running] != 3 || status[tasks.Queued] != 497 {
		t.Errorf("tasks by status: %v, want 3 running and 497 queued", status)
	}
	close(e.exec.hold)
	for _, q := range queued {
		if got := e.wait(q.ID); got.Status != tasks.Done {
			t.Fatalf("run %s: %s", q.ID, got.Status)
		}
	}
	if e.exec.maxTotal != 3 {
		t.Errorf("%d tasks ran at once, want the runner's 3", e.exec.maxTotal)
	}
}

func itoa(i int) string {
	s := ""
	for ; i > 0 || s == ""; i /= 10 {
		s = string(rune('0'+i%10)) + s
	}
	return s
}

// An incremental daily schedule with a full backup every week starts a new chain on the first
// run and every seven days after.
func TestIncrementalStartsAChainEveryWeek(t *testing.T) {
	e := newEnv(t, 2, time.Date(2026, 11, 24, 11, 0, 0, 0, time.UTC))
	sc := Schedule{ID: "default", Client: "acme", When: schedule.When{Every: schedule.Daily, At: "02:00"}, FullEvery: FullWeekly,
		Backup: spec.Backup{Client: "acme", Scope: spec.ScopeAccount, Files: true, Storage: spec.StorageServer, Incremental: true}}
	sc.Updated = e.clock.Now()
	if _, err := put(e.st, sc, nil, false); err != nil {
		t.Fatal(err)
	}
	var kinds string
	for _, r := range e.every(time.Hour, "2026-11-24 12:00", "2026-12-10 12:00") {
		b, err := r.Backup()
		if err != nil {
			t.Fatal(err)
		}
		if b.Incremental {
			kinds += "i"
		} else {
			kinds += "F"
		}
	}
	if want := "FiiiiiiFiiiiiiFi"; kinds != want {
		t.Errorf("runs %s, want %s", kinds, want)
	}
}
