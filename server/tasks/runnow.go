package tasks

import (
	"context"
	"fmt"

	"coffre/server/lock"
	"coffre/server/store"
)

// RunNow runs req in the foreground, for the CLI: it first interrupts the tasks left running by
// processes that stopped (reap), then waits for the client's lock (while a
// backup or restore of the same client runs, in the server or elsewhere), stores the task
// as running, owned by this process, runs it, and returns it once final (mail included).
// The task's outcome is in its Status and Error; the error is only about creating it. When
// ctx is cancelled the task ends cancelled. Another runner never runs this task: it is never
// queued in the store.
func (r *Runner) RunNow(ctx context.Context, req Request) (Task, error) {
	t, err := r.newTask(req)
	if err != nil {
		return Task{}, err
	}
	if err := r.reap(ctx); err != nil { // a task of a killed command: interrupted, cleaned up
		r.opts.Log.Error("run task", "err", err)
	}
	release, err := lock.Client(ctx, r.st.Dir(), t.Client)
	if err != nil {
		return Task{}, fmt.Errorf("run task: %w", err)
	}
	now := r.opts.Clock()
	t.Status, t.Started, t.Owner = Running, &now, r.owner
	if err := r.update(func(tx *store.Tx) error { return create(tx, &t) }); err != nil {
		release()
		return Task{}, fmt.Errorf("run task: %w", err)
	}
	j := r.newJob(ctx, t)
	stop := context.AfterFunc(r.base, func() { j.cancel(errShutdown) })
	defer stop()
	r.mu.Lock()
	r.live[t.ID] = j
	r.mu.Unlock()
	r.wg.Add(1)
	defer r.wg.Done()
	r.signal()
	r.opts.OnUpdate(t)
	result, err := r.execute(j)
	r.end(j, result, err, release)
	return r.Get(t.ID)
}
