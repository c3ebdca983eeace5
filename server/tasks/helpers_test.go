package tasks

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"coffre/engine/spec"
	"coffre/server/store"
)

// clock is a fake clock that moves by step at each reading.
type clock struct {
	mu   sync.Mutex
	now  time.Time
	step time.Duration
}

func newClock(step time.Duration) *clock {
	return &clock{now: time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC), step: step}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(c.step)
	return c.now
}

// gate is a fake Exec: each task announces its start on started, then waits until the test
// finishes it (finish) or its context ends. It counts how many run at once, in all and per
// client.
type gate struct {
	started chan Task

	mu        sync.Mutex
	ends      map[string]chan error
	total     int
	maxTotal  int
	perClient map[string]int
	maxClient int
}

func newGate() *gate {
	return &gate{started: make(chan Task, 100), ends: map[string]chan error{}, perClient: map[string]int{}}
}

func (g *gate) end(id string) chan error {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.ends[id] == nil {
		g.ends[id] = make(chan error, 1)
	}
	return g.ends[id]
}

func (g *gate) enter(t Task, d int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.total += d
	g.perClient[t.Client] += d
	g.maxTotal = max(g.maxTotal, g.total)
	g.maxClient = max(g.maxClient, g.perClient[t.Client])
}

func (g *gate) exec(ctx context.Context, t Task, r *Reporter) (any, error) {
	g.enter(t, 1)
	defer g.enter(t, -1)
	g.started <- t
	select {
	case err := <-g.end(t.ID):
		return map[string]string{"ran": t.ID}, err
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// finish lets the running task id return err.
func (g *gate) finish(id string, err error) { g.end(id) <- err }

// next is the next task to start; the test fails if none starts within a long time.
func (g *gate) next(t *testing.T) Task {
	t.Helper()
	select {
	case task := <-g.started:
		return task
	case <-time.After(20 * time.Second):
		t.Fatal("no task started")
		return Task{}
	}
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(t.TempDir(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// start makes a runner on st and closes it at the end of the test.
func start(t *testing.T, st *store.Store, opts Options) *Runner {
	t.Helper()
	r, err := New(st, opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close(context.Background()) })
	return r
}

func backupOf(client string) Request {
	return BackupRequest(spec.Backup{Client: client, Scope: spec.ScopeAccount, Files: true, Storage: spec.StorageServer})
}

func submit(t *testing.T, r *Runner, client string) Task {
	t.Helper()
	task, err := r.Submit(context.Background(), backupOf(client))
	if err != nil {
		t.Fatal(err)
	}
	return task
}

func wait(t *testing.T, r *Runner, id string) Task {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	task, err := r.Wait(ctx, id)
	if err != nil {
		t.Fatalf("wait task %s: %v", id, err)
	}
	return task
}

func get(t *testing.T, r *Runner, id string) Task {
	t.Helper()
	task, err := r.Get(id)
	if err != nil {
		t.Fatal(err)
	}
	return task
}

// stored reads a task as the store holds it, bypassing the runner's memory.
func stored(t *testing.T, st *store.Store, id string) Task {
	t.Helper()
	var task Task
	err := st.View(func(tx *store.Tx) (err error) {
		task, err = load(tx, id, true)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return task
}

var errBoom = errors.New("boom")
