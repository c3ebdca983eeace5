package tasks

import (
	"context"
	"time"
)

// changes returns a channel closed at the next change of any task of this runner.
func (r *Runner) changes() <-chan struct{} {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.changed
}

// pause waits for the next change of this runner's tasks, or Poll when the task is run
// elsewhere (the store is then the only news), or ctx.
func (r *Runner) pause(ctx context.Context, changed <-chan struct{}, where place) error {
	var tick <-chan time.Time
	if where == elsewhere {
		timer := time.NewTimer(r.opts.Poll)
		defer timer.Stop()
		tick = timer.C
	}
	select {
	case <-changed:
	case <-tick:
	case <-ctx.Done():
		return ctx.Err()
	}
	return nil
}

// Wait blocks until the task id is final (ended, mail handled) and written, and returns it
// with its warnings and log, or returns ctx's error.
func (r *Runner) Wait(ctx context.Context, id string) (Task, error) {
	for {
		changed := r.changes()
		t, where, err := r.get(id, false)
		if err != nil {
			return Task{}, err
		}
		if t.Final() && where != liveHere {
			return r.Get(id)
		}
		if err := r.pause(ctx, changed, where); err != nil {
			return t, err
		}
	}
}

// Updates sends the task id (without warnings and log lines) each time it changes, starting
// with its current state, and is closed after the final state or when ctx is done. A slow
// reader misses intermediate states, never the last one. For server-sent events.
func (r *Runner) Updates(ctx context.Context, id string) <-chan Task {
	out := make(chan Task, 1)
	go func() {
		defer close(out)
		var last Task
		for first := true; ; first = false {
			changed := r.changes()
			t, where, err := r.get(id, false)
			if err != nil {
				return
			}
			if first || !same(t, last) {
				select {
				case out <- t:
				case <-ctx.Done():
					return
				}
				last = t
			}
			if t.Final() && where != liveHere || r.pause(ctx, changed, where) != nil {
				return
			}
		}
	}()
	return out
}

// same reports whether two states of a task look the same to a reader.
func same(a, b Task) bool {
	return a.Status == b.Status && a.Progress == b.Progress && a.WarningCount == b.WarningCount &&
		a.Mail == b.Mail && a.CancelRequested == b.CancelRequested && a.Error == b.Error
}
