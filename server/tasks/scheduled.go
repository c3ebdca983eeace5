package tasks

import (
	"time"

	"coffre/engine/retention"
)

// Scheduled describes the run of a schedule, for its task.
type Scheduled struct {
	ID  string    `json:"id"`  // the schedule
	Due time.Time `json:"due"` // when the run was due
	// Late says why the run did not start when it was due ("" when on time): the server was
	// not running, or a task of the same client was still running.
	Late   string `json:"late,omitempty"`
	Missed int    `json:"missed,omitempty"` // runs due meanwhile that this one replaces
	// ErrorsOnly mails Notify only when the task did not succeed.
	ErrorsOnly bool `json:"errorsOnly,omitempty"`
	// LowPriority runs the backup at the lowest CPU and I/O priority.
	LowPriority bool `json:"lowPriority,omitempty"`
	// Retention is applied to the storage after the backup succeeds: the rules of every
	// schedule of the client that backs up to that storage, each with what it covers.
	Retention []retention.Policy `json:"retention,omitempty"`
}

// mailed reports whether the ended task mails its Notify address: always, or for the run of a
// schedule that mails on errors only, when it did not succeed.
func (t Task) mailed() bool {
	if t.Notify == "" {
		return false
	}
	return t.Schedule == nil || !t.Schedule.ErrorsOnly || !t.Status.Succeeded()
}
