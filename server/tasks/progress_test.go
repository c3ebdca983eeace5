package tasks

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"coffre/engine/backup"
)

// The engine's reports never write to the store themselves: a ticker of the task writes its
// state while it changed, so a burst of reports costs no write, and a task that stalls
// mid-way still has its latest progress stored.
func TestProgressIsWrittenByATicker(t *testing.T) {
	st := openStore(t)
	const reports = 10000
	reported, hold := make(chan string), make(chan struct{})
	exec := func(_ context.Context, task Task, rep *Reporter) (any, error) {
		for i := 1; i <= reports; i++ {
			rep.Progress(backup.Progress{Phase: "archive", Files: int64(i), Bytes: int64(i) * 100})
		}
		reported <- task.ID
		<-hold
		return nil, nil
	}
	r := start(t, st, Options{Exec: exec, FlushEvery: 10 * time.Millisecond})
	task := submit(t, r, "acme")
	<-reported
	for end := time.Now().Add(10 * time.Second); stored(t, st, task.ID).Progress.Files != reports; time.Sleep(5 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("the stalled task's progress was never stored: %+v", stored(t, st, task.ID).Progress)
		}
	}
	before := r.writes.Load()
	time.Sleep(100 * time.Millisecond) // ten ticks: nothing changed, nothing written
	if w := r.writes.Load(); w != before {
		t.Errorf("%d writes while the task did not change", w-before)
	}
	close(hold)
	got := wait(t, r, task.ID)
	if got.Progress.Files != reports || stored(t, st, task.ID).Progress.Files != reports {
		t.Errorf("final progress: %d files in memory, %d stored, want %d", got.Progress.Files,
			stored(t, st, task.ID).Progress.Files, reports)
	}
}

func TestLiveProgressRateAndETA(t *testing.T) {
	st := openStore(t)
	reported, hold := make(chan string), make(chan struct{})
	exec := func(ctx context.Context, task Task, rep *Reporter) (any, error) {
		rep.Progress(backup.Progress{Phase: "scan", Files: 10})
		rep.Progress(backup.Progress{Phase: "archive", TotalFiles: 10, TotalBytes: 3000}) // clock: +1 s each call
		rep.Progress(backup.Progress{Phase: "archive", Files: 4, Bytes: 1000, TotalFiles: 10, TotalBytes: 3000, Current: "files/acme.example/index.php"})
		reported <- task.ID
		<-hold
		return nil, nil
	}
	r := start(t, st, Options{Exec: exec, Clock: newClock(time.Second).Now, FlushEvery: time.Hour})
	task := submit(t, r, "acme")
	<-reported
	got := get(t, r, task.ID).Progress
	want := Progress{Progress: backup.Progress{Phase: "archive", Files: 4, Bytes: 1000, TotalFiles: 10,
		TotalBytes: 3000, Current: "files/acme.example/index.php"}, Rate: 1000, ETA: 2}
	if got != want {
		t.Errorf("live progress %+v, want %+v", got, want)
	}
	if s := stored(t, st, task.ID); s.Progress.Files != 0 || s.Status != Running {
		t.Errorf("stored before any flush is due: %+v, want running without progress", s.Progress)
	}
	close(hold)
	wait(t, r, task.ID)
}

func TestWarningsAndLogAreCappedAndStored(t *testing.T) {
	st := openStore(t)
	long := strings.Repeat("é", MaxLogLine)
	exec := func(_ context.Context, _ Task, rep *Reporter) (any, error) {
		for i := range MaxWarnings + 500 {
			rep.Warn(backup.Warning{Path: fmt.Sprintf("files/acme.example/f%d", i), Code: "vanished"})
		}
		rep.Logf("%s", long)
		rep.Logger().Info("scanned", "subscription", "acme.example", "files", 3)
		for i := range MaxLog {
			rep.Logf("line %d", i)
		}
		return nil, nil
	}
	r := start(t, st, Options{Exec: exec})
	task := submit(t, r, "acme")
	wait(t, r, task.ID)
	for name, got := range map[string]Task{"runner": get(t, r, task.ID), "store": stored(t, st, task.ID)} {
		if len(got.Warnings) != MaxWarnings || got.WarningCount != MaxWarnings+500 ||
			got.Warnings[MaxWarnings-1].Path != fmt.Sprintf("files/acme.example/f%d", MaxWarnings-1) {
			t.Errorf("%s: %d warnings kept of %d, want %d of %d", name, len(got.Warnings), got.WarningCount,
				MaxWarnings, MaxWarnings+500)
		}
		if len(got.Log) != MaxLog || got.LogDropped != 3 {
			t.Errorf("%s: %d log lines, %d dropped; want %d and 3", name, len(got.Log), got.LogDropped, MaxLog)
		}
		if first := got.Log[0].Text; len(first) > MaxLogLine+len("…") || !strings.HasSuffix(first, "é…") {
			t.Errorf("%s: long line kept as %d bytes ending %q", name, len(first), first[len(first)-8:])
		}
		if got.Log[1].Text != "scanned subscription=acme.example files=3" {
			t.Errorf("%s: slog line %q", name, got.Log[1].Text)
		}
	}
	if list, _ := r.List(Filter{}); list[0].Warnings != nil || list[0].Log != nil || list[0].WarningCount != MaxWarnings+500 {
		t.Errorf("List carries warnings or log lines, or lost the count")
	}
}

func TestUpdatesFollowATaskToItsEnd(t *testing.T) {
	g := newGate()
	r := start(t, openStore(t), Options{Exec: g.exec})
	task := submit(t, r, "acme")
	var seen []Status
	finished := false
	for u := range r.Updates(context.Background(), task.ID) {
		if len(seen) == 0 || seen[len(seen)-1] != u.Status {
			seen = append(seen, u.Status)
		}
		if u.Status == Running && !finished {
			g.finish(task.ID, nil) // the task runs until the reader has seen it running
			finished = true
		}
	}
	if got := fmt.Sprint(seen); got != "[queued running done]" && got != "[running done]" {
		t.Errorf("statuses seen: %s, want queued (maybe), running, done", got)
	}
}
