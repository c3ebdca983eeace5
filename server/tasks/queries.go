package tasks

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"coffre/server/failure"
	"coffre/server/store"
)

// errCancelled is the cause of a context cancelled by Cancel.
var errCancelled = failure.New(failure.Cancelled, "cancelled")

// newTask checks req and makes its queued task.
func (r *Runner) newTask(req Request) (Task, error) {
	switch req.Kind {
	case KindBackup, KindRestore, KindVerify:
	default:
		return Task{}, fmt.Errorf("new task: unknown kind %q", req.Kind)
	}
	if err := store.ValidateLogin(req.Client); err != nil {
		return Task{}, err
	}
	if req.Notify != "" {
		if err := store.ValidateEmail("notify", req.Notify); err != nil {
			return Task{}, err
		}
	}
	raw, err := json.Marshal(req.Spec)
	if err != nil {
		return Task{}, fmt.Errorf("new task: %w", err)
	}
	return Task{Kind: req.Kind, Client: req.Client, Notify: req.Notify, Spec: raw,
		Status: Queued, Created: r.opts.Clock(), Schedule: req.Schedule}, nil
}

// Submit stores a queued task for req and returns it. The runner starts it in creation
// order, once a worker is free and no other task of its client runs (here or in another
// process). The caller has validated req.Spec and checked the rights.
func (r *Runner) Submit(ctx context.Context, req Request) (Task, error) {
	t, err := r.newTask(req)
	if err != nil {
		return Task{}, err
	}
	if err := r.update(func(tx *store.Tx) error { return create(tx, &t) }); err != nil {
		return Task{}, fmt.Errorf("submit task: %w", err)
	}
	r.enqueue(t)
	r.poke()
	r.signal()
	r.opts.OnUpdate(t)
	return t, nil
}

// enqueue adds t to the queue in ID order, unless it is there or running here.
func (r *Runner) enqueue(t Task) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.live[t.ID] != nil || slices.ContainsFunc(r.queue, func(q Task) bool { return q.ID == t.ID }) {
		return
	}
	i, _ := slices.BinarySearchFunc(r.queue, t, func(a, b Task) int { return cmpID(a.ID, b.ID) })
	r.queue = slices.Insert(r.queue, i, t)
}

// cmpID orders decimal IDs numerically.
func cmpID(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

// Get returns the task id with its warnings and log, live progress included. A task left
// running by a process that stopped is first marked interrupted and cleaned up. An unknown id
// gives an error matching store.ErrNotFound.
func (r *Runner) Get(id string) (Task, error) {
	t, where, err := r.get(id, true)
	if err == nil && where == elsewhere && t.Status == Running {
		if err := r.interrupt(r.base, t); err != nil {
			r.opts.Log.Error("get task", "task", id, "err", err)
		}
		t, _, err = r.get(id, true)
	}
	return t, err
}

// Where a task is, for those who wait for it.
type place int

const (
	elsewhere  place = iota // only in the store: another process may change it
	queuedHere              // in this runner's queue
	liveHere                // run by this runner, maybe not written yet
)

// get returns the task and where it is.
func (r *Runner) get(id string, withDetails bool) (Task, place, error) {
	r.mu.Lock()
	if j := r.live[id]; j != nil {
		r.mu.Unlock()
		return j.snapshot(withDetails), liveHere, nil
	}
	queued := slices.ContainsFunc(r.queue, func(q Task) bool { return q.ID == id })
	r.mu.Unlock()
	var t Task
	err := r.st.View(func(tx *store.Tx) (err error) {
		t, err = load(tx, id, withDetails)
		return err
	})
	if queued && t.Status == Queued {
		return t, queuedHere, err
	}
	return t, elsewhere, err
}

// Filter selects tasks for List. Zero values select everything.
type Filter struct {
	Client string // only this client's tasks
	Query  string // only tasks whose number, client, kind, status or error contain it (any case)
	Offset int    // skip this many of the newest that match
	Limit  int    // at most this many, the newest
}

// List returns tasks newest first, without their warnings and log lines. A task left running
// by a process that stopped is first marked interrupted and cleaned up (reap).
func (r *Runner) List(f Filter) ([]Task, error) {
	if err := r.reap(r.base); err != nil {
		r.opts.Log.Error("list tasks", "err", err)
	}
	var out []Task
	err := r.st.View(func(tx *store.Tx) (err error) {
		out, err = page(tx, f)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("list tasks: %w", err)
	}
	r.mu.Lock()
	for i, t := range out {
		if j := r.live[t.ID]; j != nil {
			out[i] = j.snapshot(false)
		}
	}
	r.mu.Unlock()
	return out, nil
}
