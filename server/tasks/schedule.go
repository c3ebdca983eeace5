package tasks

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"coffre/server/lock"
	"coffre/server/store"
)

// loop is the scheduler: at each wake it starts what may start.
func (r *Runner) loop() {
	defer close(r.done)
	for {
		select {
		case <-r.wake:
		case <-r.base.Done():
			return
		}
		for {
			j, release := r.next()
			if j == nil {
				break
			}
			r.wg.Add(1)
			go r.run(j, release)
		}
	}
}

// next takes the oldest queued task that may start now: a worker is free, no task of its
// client runs here, and its client's lock is free (no other process runs one). It returns
// nil when none may. Tasks blocked by another process's lock are retried after Poll.
func (r *Runner) next() (*job, func()) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return nil, nil
	}
	blocked := false
	for i, t := range r.queue {
		if r.running >= r.opts.Workers {
			break
		}
		if r.busy[t.Client] {
			continue
		}
		release, err := lock.TryClient(r.st.Dir(), t.Client)
		if err != nil {
			if !errors.Is(err, lock.ErrBusy) {
				r.opts.Log.Error("start task", "task", t.ID, "err", err)
			}
			blocked = true
			continue
		}
		r.queue = slices.Delete(r.queue, i, i+1)
		r.busy[t.Client] = true
		r.running++
		j := r.newJob(r.base, t)
		r.live[t.ID] = j
		return j, func() { release(); r.freeSlot(t.Client) }
	}
	if blocked {
		r.retryLater()
	}
	return nil, nil
}

// retryLater wakes the scheduler after Poll, once however often it is asked. r.mu is held.
func (r *Runner) retryLater() {
	if r.retry {
		return
	}
	r.retry = true
	time.AfterFunc(r.opts.Poll, func() {
		r.mu.Lock()
		r.retry = false
		r.mu.Unlock()
		r.poke()
	})
}

// freeSlot gives back a worker and the client after a task ran, and wakes the scheduler.
func (r *Runner) freeSlot(client string) {
	r.mu.Lock()
	delete(r.busy, client)
	r.running--
	r.mu.Unlock()
	r.poke()
}

// run claims the queued task of j, runs it and ends it. release frees its lock and slot.
func (r *Runner) run(j *job, release func()) {
	defer r.wg.Done()
	ok, err := false, error(nil)
	if !errors.Is(context.Cause(j.ctx), errShutdown) { // else it stays queued for the next start
		ok, err = r.claim(j)
	}
	if err != nil || !ok {
		release()
		r.forget(j)
		if errors.Is(err, store.ErrBusy) { // the store stayed locked by another process: later
			r.enqueue(j.snapshot(false))
			r.mu.Lock()
			r.retryLater()
			r.mu.Unlock()
		} else if err != nil {
			r.opts.Log.Error("start task", "task", j.id, "err", err)
		}
		return
	}
	t := j.snapshot(false)
	r.opts.Log.Info("task started", "task", t.ID, "kind", t.Kind, "client", t.Client)
	result, err := r.execute(j)
	r.end(j, result, err, release)
}

// claim marks the task running, owned by this runner. It is false when the task is no longer
// queued in the store (cancelled meanwhile).
func (r *Runner) claim(j *job) (bool, error) {
	var t Task
	err := r.update(func(tx *store.Tx) (err error) {
		if t, err = load(tx, j.id, true); err != nil || t.Status != Queued {
			return err
		}
		now := r.opts.Clock()
		t.Status, t.Started, t.Owner = Running, &now, r.owner
		return put(tx, t, false)
	})
	if err != nil || t.Status != Running {
		return false, err
	}
	j.mu.Lock()
	j.t = t
	j.mu.Unlock()
	r.signal()
	r.opts.OnUpdate(j.snapshot(false))
	return true, nil
}

// forget drops a job that will not change any more and tells the waiters.
func (r *Runner) forget(j *job) {
	r.mu.Lock()
	delete(r.live, j.id)
	r.mu.Unlock()
	j.cancel(nil)
	r.signal()
}

// execute calls Exec unless the task was cancelled first, with the task's flusher running; a
// panic becomes the task's error.
func (r *Runner) execute(j *job) (result any, err error) {
	if j.ctx.Err() != nil {
		return nil, j.ctx.Err()
	}
	stop := j.startFlusher()
	defer stop()
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("internal error: %v", p)
		}
	}()
	return r.opts.Exec(j.ctx, j.snapshot(false), &Reporter{j: j})
}
