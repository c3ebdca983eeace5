package tasks

import (
	"testing"

	"coffre/server/lock"
)

// Without Recover (no server started: a host driven by cron), reading the tasks interrupts and
// cleans up a task whose process stopped, and leaves alone one whose process holds its lock.
func TestReadingReapsKilledTasks(t *testing.T) {
	for _, read := range []struct {
		name string
		fn   func(r *Runner, id string) (Task, error)
	}{
		{"List", func(r *Runner, id string) (Task, error) {
			list, err := r.List(Filter{})
			for _, task := range list {
				if task.ID == id {
					return task, err
				}
			}
			return Task{}, err
		}},
		{"Get", func(r *Runner, id string) (Task, error) { return r.Get(id) }},
	} {
		t.Run(read.name, func(t *testing.T) {
			st := openStore(t)
			dead := leave(t, st, "acme", Running, "")
			alive := leave(t, st, "cafe", Running, "")
			release, err := lock.TryClient(st.Dir(), "cafe")
			if err != nil {
				t.Fatal(err)
			}
			defer release()
			c := &cleanups{dir: st.Dir(), called: map[string]bool{}}
			r := start(t, st, Options{Exec: newGate().exec, Cleanup: c.cleanup})
			got, err := read.fn(r, dead.ID)
			if err != nil || got.Status != Interrupted {
				t.Errorf("the killed task reads %s (%v), want interrupted", got.Status, err)
			}
			if held, ok := c.called[dead.ID]; !ok || !held {
				t.Errorf("Cleanup calls %v, want task %s under its client's lock", c.called, dead.ID)
			}
			if got, err := read.fn(r, alive.ID); err != nil || got.Status != Running {
				t.Errorf("the live task reads %s (%v), want running", got.Status, err)
			}
		})
	}
}
