package scheduler

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"coffre/engine/schedule"
	"coffre/engine/spec"
	"coffre/server/store"
	"coffre/server/tasks"
)

// clock is a settable fake clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time  { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Set(t time.Time) { c.mu.Lock(); c.now = t; c.mu.Unlock() }

// fakeExec stands for the backup engine: it counts the tasks running at once, in all and per
// client, and fails with err when set. While hold is set, a task waits until it is closed.
type fakeExec struct {
	mu        sync.Mutex
	err       error
	hold      chan struct{}
	total     int
	perClient map[string]int
	maxTotal  int
	maxClient int
	ran       []tasks.Task
}

func (f *fakeExec) exec(ctx context.Context, t tasks.Task, _ *tasks.Reporter) (any, error) {
	f.mu.Lock()
	f.total++
	f.perClient[t.Client]++
	f.maxTotal, f.maxClient = max(f.maxTotal, f.total), max(f.maxClient, f.perClient[t.Client])
	f.ran = append(f.ran, t)
	hold, err := f.hold, f.err
	f.mu.Unlock()
	if hold != nil {
		select {
		case <-hold:
		case <-ctx.Done():
		}
	}
	f.mu.Lock()
	f.total--
	f.perClient[t.Client]--
	f.mu.Unlock()
	if err != nil {
		return nil, err
	}
	kind := "full"
	if b, err := t.Backup(); err == nil && b.Incremental {
		kind = "incremental"
	}
	return map[string]any{"entry": map[string]string{"type": kind}}, nil
}

func (f *fakeExec) started() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.ran)
}

// env is a store, a task runner with a fake engine and a scheduler on an injected clock in
// Paris time.
type env struct {
	t     *testing.T
	st    *store.Store
	clock *clock
	exec  *fakeExec
	run   *tasks.Runner
	s     *Scheduler
	loc   *time.Location
	alert func(ctx context.Context, s Schedule, since time.Time) error
}

func newEnv(t *testing.T, workers int, start time.Time) *env {
	t.Helper()
	st, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, st: st, clock: &clock{now: start}, exec: &fakeExec{perClient: map[string]int{}}, loc: loc}
	e.start(workers)
	return e
}

// start starts a runner and a scheduler: at first, and again for a server restart.
func (e *env) start(workers int) {
	r, err := tasks.New(e.st, tasks.Options{Workers: workers, Clock: e.clock.Now, Exec: e.exec.exec})
	if err != nil {
		e.t.Fatal(err)
	}
	if err := r.Recover(context.Background()); err != nil {
		e.t.Fatal(err)
	}
	e.run = r
	e.t.Cleanup(func() { r.Close(context.Background()) })
	e.s = New(e.st, r, nil, Options{Clock: e.clock.Now, Location: e.loc,
		Alert: func(ctx context.Context, s Schedule, since time.Time) error {
			if e.alert == nil {
				return errors.New("no alert hook")
			}
			return e.alert(ctx, s, since)
		}})
}

// stop stops the runner, as a server that goes down.
func (e *env) stop() { e.run.Close(context.Background()) }

// set stores a schedule as a user would (its fields checked), without the rights check that
// needs real clients.
func (e *env) set(client, id string, w schedule.When) {
	e.t.Helper()
	sc := Schedule{ID: id, Client: client, When: w,
		Backup: spec.Backup{Client: client, Scope: spec.ScopeAccount, Files: true, Storage: spec.StorageServer}}
	if es := sc.Validate(); len(es) > 0 {
		e.t.Fatal(es)
	}
	sc.Updated = e.clock.Now()
	if _, err := put(e.st, sc, nil, false); err != nil {
		e.t.Fatal(err)
	}
}

// at moves the clock to the Paris wall-clock time s and ticks.
func (e *env) at(s string) []tasks.Task {
	e.t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, e.loc)
	if err != nil {
		e.t.Fatal(err)
	}
	e.clock.Set(v)
	before := e.tasks()
	if err := e.s.Tick(context.Background()); err != nil {
		e.t.Fatal(err)
	}
	return e.tasks()[len(before):]
}

// tasks lists every task, oldest first.
func (e *env) tasks() []tasks.Task {
	ts, err := e.run.List(tasks.Filter{})
	if err != nil {
		e.t.Fatal(err)
	}
	for i, j := 0, len(ts)-1; i < j; i, j = i+1, j-1 {
		ts[i], ts[j] = ts[j], ts[i]
	}
	return ts
}

// wait waits until the task has ended.
func (e *env) wait(id string) tasks.Task {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	t, err := e.run.Wait(ctx, id)
	if err != nil {
		e.t.Fatal(err)
	}
	return t
}

// every ticks every step from from to to (Paris wall clock), waiting for each run to end, and
// returns the runs queued.
func (e *env) every(step time.Duration, from, to string) []tasks.Task {
	e.t.Helper()
	a, _ := time.ParseInLocation("2006-01-02 15:04", from, e.loc)
	b, _ := time.ParseInLocation("2006-01-02 15:04", to, e.loc)
	var out []tasks.Task
	for at := a; !at.After(b); at = at.Add(step) {
		for _, t := range e.at(at.In(e.loc).Format("2006-01-02 15:04")) {
			out = append(out, e.wait(t.ID))
		}
	}
	return out
}

// waitStarted waits until the fake engine has started n tasks (the runner starts them on its
// own goroutines).
func (e *env) waitStarted(n int) {
	e.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for e.exec.started() < n {
		if time.Now().After(deadline) {
			e.t.Fatalf("%d tasks started, want %d", e.exec.started(), n)
		}
		time.Sleep(2 * time.Millisecond)
	}
}
