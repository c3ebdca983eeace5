package tasks

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"coffre/server/lock"
	"coffre/server/store"
)

// leave stores a task as a process would have left it.
func leave(t *testing.T, st *store.Store, client string, status Status, notify string) Task {
	t.Helper()
	task := Task{Kind: KindBackup, Client: client, Notify: notify, Spec: []byte(`{}`), Status: status,
		Created: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)}
	if status == Running {
		task.Owner = Owner{PID: 4242, Instance: "gone"}
	}
	if err := st.Update(func(tx *store.Tx) error { return create(tx, &task) }); err != nil {
		t.Fatal(err)
	}
	return task
}

// cleanups records the tasks Cleanup was called for, and whether their client's lock was
// held meanwhile.
type cleanups struct {
	mu     sync.Mutex
	dir    string
	called map[string]bool // task ID -> lock held
}

func (c *cleanups) cleanup(_ context.Context, task Task) error {
	_, err := lock.TryClient(c.dir, task.Client)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.called[task.ID] = errors.Is(err, lock.ErrBusy)
	return nil
}

func TestRecoverAfterACrash(t *testing.T) {
	st := openStore(t)
	dead := leave(t, st, "acme", Running, "owner@acme.example")
	queued := leave(t, st, "bistro", Queued, "")
	alive := leave(t, st, "cafe", Running, "")
	release, err := lock.TryClient(st.Dir(), "cafe") // the CLI still runs cafe's task
	if err != nil {
		t.Fatal(err)
	}
	defer release()

	g := newGate()
	c := &cleanups{dir: st.Dir(), called: map[string]bool{}}
	var mailed []string
	r := start(t, st, Options{Exec: g.exec, Cleanup: c.cleanup,
		Notify: func(_ context.Context, task Task) error { mailed = append(mailed, task.ID); return nil }})
	if err := r.Recover(context.Background()); err != nil {
		t.Fatal(err)
	}
	got := get(t, r, dead.ID)
	if got.Status != Interrupted || got.Ended == nil || !strings.Contains(got.Error, "pid 4242") {
		t.Errorf("task of the dead process: %s %q, want interrupted naming pid 4242", got.Status, got.Error)
	}
	if log := got.Log; len(log) != 2 || !strings.HasPrefix(log[0].Text, "Interrupted") || log[1].Text != "Leftovers removed." {
		t.Errorf("log of the interrupted task: %+v", log)
	}
	if held, ok := c.called[dead.ID]; !ok || !held || len(c.called) != 1 {
		t.Errorf("Cleanup calls %v, want only task %s, under its client's lock", c.called, dead.ID)
	}
	if got.Mail.Status != MailSent || len(mailed) != 1 {
		t.Errorf("mail of the interrupted task: %+v, sent %v", got.Mail, mailed)
	}
	if s := get(t, r, alive.ID).Status; s != Running {
		t.Errorf("task of a live process: %s, want left running", s)
	}
	if next := g.next(t); next.ID != queued.ID {
		t.Fatalf("started %s, want the queued %s", next.ID, queued.ID)
	}
	g.finish(queued.ID, nil)
	if got := wait(t, r, queued.ID); got.Status != Done {
		t.Errorf("queued task after restart: %s, want done", got.Status)
	}
}

func TestCloseInterruptsAndTheNextStartRunsTheQueue(t *testing.T) {
	st := openStore(t)
	g := newGate()
	c := &cleanups{dir: st.Dir(), called: map[string]bool{}}
	first, err := New(st, Options{Workers: 1, Exec: g.exec, Cleanup: c.cleanup})
	if err != nil {
		t.Fatal(err)
	}
	running, queued := submit(t, first, "acme"), submit(t, first, "bistro")
	g.next(t)
	if err := first.Close(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := stored(t, st, running.ID); got.Status != Interrupted || got.Error != errShutdown.Error() {
		t.Errorf("running task after Close: %s %q, want interrupted", got.Status, got.Error)
	}
	if held := c.called[running.ID]; !held {
		t.Errorf("Cleanup of the interrupted task: %v, want called under the lock", c.called)
	}
	if got := stored(t, st, queued.ID); got.Status != Queued {
		t.Errorf("queued task after Close: %s, want still queued", got.Status)
	}

	second := start(t, st, Options{Exec: g.exec})
	if err := second.Recover(context.Background()); err != nil {
		t.Fatal(err)
	}
	if next := g.next(t); next.ID != queued.ID {
		t.Fatalf("started %s, want %s", next.ID, queued.ID)
	}
	g.finish(queued.ID, nil)
	if got := wait(t, second, queued.ID); got.Status != Done {
		t.Errorf("queued task: %s, want done", got.Status)
	}
	if got := get(t, second, running.ID); got.Status != Interrupted {
		t.Errorf("interrupted task after the second start: %s", got.Status)
	}
}
