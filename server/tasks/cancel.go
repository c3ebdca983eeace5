package tasks

import (
	"fmt"
	"slices"

	"coffre/server/store"
)

// Cancel stops the task id. A queued task ends cancelled at once. A running task of this
// runner has its context cancelled and ends cancelled when Exec returns (done, if Exec
// finished anyway). A task run by another process (the CLI) is asked to stop through the
// store; its owner sees it within FlushEvery. An ended task is returned unchanged.
func (r *Runner) Cancel(id string) (Task, error) {
	r.mu.Lock()
	j := r.live[id]
	i := slices.IndexFunc(r.queue, func(q Task) bool { return q.ID == id })
	if i >= 0 {
		r.queue = slices.Delete(r.queue, i, i+1)
	}
	r.mu.Unlock()
	if j != nil {
		j.cancel(errCancelled)
		return j.snapshot(false), nil
	}
	var t Task
	err := r.update(func(tx *store.Tx) (err error) {
		if t, err = load(tx, id, true); err != nil {
			return err
		}
		switch t.Status {
		case Queued:
			now := r.opts.Clock()
			t.Status, t.Ended = Cancelled, &now
			t.Log = appendLog(t.Log, &t.LogDropped, now, "Cancelled before it started.")
		case Running:
			t.CancelRequested = true
		default:
			return nil
		}
		return put(tx, t, true)
	})
	if err != nil {
		return Task{}, fmt.Errorf("cancel task %s: %w", id, err)
	}
	t.Warnings, t.Log = nil, nil
	r.signal()
	r.opts.OnUpdate(t)
	return t, nil
}
