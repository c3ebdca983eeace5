package tasks

import (
	"bytes"
	"encoding/json"
	"fmt"

	"coffre/server/store"
)

// matches reports whether t is one of the tasks f selects.
func (f Filter) matches(t Task) bool {
	return (f.Client == "" || t.Client == f.Client) &&
		store.Matches(f.Query, t.ID, t.Client, string(t.Kind), string(t.Status), t.Error)
}

// clientMark is how a task of client reads in the store: logins need no JSON escaping, so a
// task without it is skipped undecoded.
func clientMark(client string) []byte {
	if client == "" {
		return nil
	}
	return []byte(`"client":"` + client + `"`)
}

// page reads the tasks f selects, newest first: it skips f.Offset of them and stops after
// f.Limit, so that a page of a long history reads no further than it shows.
func page(tx *store.Tx, f Filter) (out []Task, err error) {
	skip, mark := f.Offset, clientMark(f.Client)
	err = store.Scan(tx, bucketTasks, true, func(k, data []byte) (bool, error) {
		if mark != nil && !bytes.Contains(data, mark) {
			return true, nil
		}
		var t Task
		if err := json.Unmarshal(data, &t); err != nil {
			return false, fmt.Errorf("decode task %x: %w", k, err)
		}
		if !f.matches(t) {
			return true, nil
		}
		if skip > 0 {
			skip--
			return true, nil
		}
		out = append(out, t)
		return f.Limit <= 0 || len(out) < f.Limit, nil
	})
	return out, err
}

// runningMark is how a running task's status reads in the store.
var runningMark = []byte(`"status":"` + string(Running) + `"`)

// eachRunning calls fn with every task the store says is running, decoding no other.
func eachRunning(tx *store.Tx, fn func(Task) error) error {
	return store.Scan(tx, bucketTasks, false, func(k, data []byte) (bool, error) {
		if !bytes.Contains(data, runningMark) {
			return true, nil
		}
		var t Task
		if err := json.Unmarshal(data, &t); err != nil {
			return false, fmt.Errorf("decode task %x: %w", k, err)
		}
		if t.Status == Running {
			return true, fn(t)
		}
		return true, nil
	})
}
