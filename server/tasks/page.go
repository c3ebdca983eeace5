package tasks

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

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
	skip, mark, q := f.Offset, clientMark(f.Client), newRawQuery(f.Query)
	err = store.Scan(tx, bucketTasks, true, func(k, data []byte) (bool, error) {
		if mark != nil && !bytes.Contains(data, mark) || !q.mayMatch(data) {
			return true, nil
		}
		if skip > 0 && mark == nil && q.lower == nil && f.Query == "" {
			skip-- // every task matches: no need to read the ones skipped
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

// rawQuery looks for a search in a task as stored, before decoding it: most tasks of a long
// history are skipped undecoded.
type rawQuery struct {
	lower []byte // the search in lower case; nil when it cannot be looked for raw
	buf   []byte
}

// newRawQuery prepares q. A search with characters JSON escapes or that are not ASCII is not
// looked for raw: every task is decoded.
func newRawQuery(q string) *rawQuery {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" || strings.ContainsFunc(q, func(r rune) bool { return r < ' ' || r > '~' || strings.ContainsRune(`"\\<>&`, r) }) {
		return &rawQuery{}
	}
	return &rawQuery{lower: []byte(q)}
}

// mayMatch is false when data, in ASCII lower case, does not contain the search: then no field
// does. A task with bytes beyond ASCII is decoded (Unicode case folding may meet the search).
func (q *rawQuery) mayMatch(data []byte) bool {
	if q.lower == nil {
		return true
	}
	q.buf = append(q.buf[:0], data...)
	for i, c := range q.buf {
		switch {
		case c >= 0x80:
			return true
		case c >= 'A' && c <= 'Z':
			q.buf[i] = c + 'a' - 'A'
		}
	}
	return bytes.Contains(q.buf, q.lower)
}

// CodeClientBusy refuses to remove a client while one of its tasks is not over.
const CodeClientBusy = "client_busy"

// CheckIdle returns a CodeClientBusy refusal, naming the task, when a task of client is queued
// or running as the store says; nil otherwise.
func CheckIdle(st *store.Store, client string) error {
	var busy *Task
	mark := clientMark(client)
	err := st.View(func(tx *store.Tx) error {
		return store.Scan(tx, bucketTasks, true, func(k, data []byte) (bool, error) {
			if !bytes.Contains(data, mark) {
				return true, nil
			}
			var t Task
			if err := json.Unmarshal(data, &t); err != nil {
				return false, fmt.Errorf("decode task %x: %w", k, err)
			}
			if t.Client == client && !t.Status.Ended() {
				busy = &t
			}
			return busy == nil, nil
		})
	})
	if err != nil || busy == nil {
		return err
	}
	return &store.Error{Code: CodeClientBusy, Field: "client", Args: []string{busy.ID},
		Msg: "task " + busy.ID + " of " + client + " is " + string(busy.Status) + ": wait for it or cancel it first"}
}
