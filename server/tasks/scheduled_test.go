package tasks

import (
	"context"
	"sync"
	"testing"
	"time"
)

// The run of a schedule that mails on errors only mails when it fails, not when it succeeds; one
// that mails always, and a task of no schedule, mail either way.
func TestScheduledRunMailsOnErrorsOnly(t *testing.T) {
	cases := []struct {
		name  string
		sched *Scheduled
		err   error
		mail  bool
	}{
		{"errors only, success", &Scheduled{ID: "default", ErrorsOnly: true}, nil, false},
		{"errors only, failure", &Scheduled{ID: "default", ErrorsOnly: true}, errBoom, true},
		{"always, success", &Scheduled{ID: "default"}, nil, true},
		{"manual, success", nil, nil, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var mu sync.Mutex
			mailed := 0
			r := start(t, openStore(t), Options{
				Exec: func(context.Context, Task, *Reporter) (any, error) { return nil, c.err },
				Notify: func(context.Context, Task) error {
					mu.Lock()
					mailed++
					mu.Unlock()
					return nil
				},
				Clock: newClock(time.Millisecond).Now,
			})
			req := backupOf("acme")
			req.Notify, req.Schedule = "ops@example.com", c.sched
			task, err := r.Submit(context.Background(), req)
			if err != nil {
				t.Fatal(err)
			}
			got := wait(t, r, task.ID)
			mu.Lock()
			defer mu.Unlock()
			if (mailed == 1) != c.mail || (got.Mail.Status == MailSent) != c.mail {
				t.Errorf("mailed %d times, mail status %q; want mailed: %v", mailed, got.Mail.Status, c.mail)
			}
			if c.sched != nil && (got.Schedule == nil || got.Schedule.ID != "default") {
				t.Errorf("the task lost its schedule: %+v", got.Schedule)
			}
		})
	}
}
