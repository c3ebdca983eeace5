package tasks

import (
	"encoding/binary"
	"strconv"

	"coffre/engine/backup"
	"coffre/server/store"
)

// Buckets of the store. A task's summary and its bulky details (warnings, log) are kept apart
// so that listing tasks does not decode every warning.
const (
	bucketTasks   = "tasks"
	bucketDetails = "task_details"
)

type details struct {
	Warnings []backup.Warning `json:"warnings,omitempty"`
	Log      []LogLine        `json:"log,omitempty"`
}

// keyOf turns a decimal ID into its 8-byte big-endian key; ok is false for anything else.
func keyOf(id string) (string, bool) {
	n, err := strconv.ParseUint(id, 10, 64)
	if err != nil || n == 0 || strconv.FormatUint(n, 10) != id {
		return "", false
	}
	return string(binary.BigEndian.AppendUint64(nil, n)), true
}

func notFound(id string) error {
	return &store.Error{Code: store.CodeNotFound, Field: "task", Args: []string{id}, Msg: "no task " + strconv.Quote(id)}
}

// create stores a new task, giving it its ID.
func create(tx *store.Tx, t *Task) error {
	_, n, err := store.NextKey(tx, bucketTasks)
	if err != nil {
		return err
	}
	t.ID = strconv.FormatUint(n, 10)
	return put(tx, *t, true)
}

// put stores t's summary, and its details when withDetails.
func put(tx *store.Tx, t Task, withDetails bool) error {
	key, _ := keyOf(t.ID)
	if withDetails {
		d := details{Warnings: t.Warnings, Log: t.Log}
		if err := store.Put(tx, bucketDetails, key, d); err != nil {
			return err
		}
	}
	t.Warnings, t.Log = nil, nil
	return store.Put(tx, bucketTasks, key, t)
}

// load reads a task's summary, and its details when withDetails.
func load(tx *store.Tx, id string, withDetails bool) (Task, error) {
	key, ok := keyOf(id)
	if !ok {
		return Task{}, notFound(id)
	}
	t, ok, err := store.Get[Task](tx, bucketTasks, key)
	if err != nil || !ok {
		if err == nil {
			err = notFound(id)
		}
		return Task{}, err
	}
	if withDetails {
		d, _, err := store.Get[details](tx, bucketDetails, key)
		if err != nil {
			return Task{}, err
		}
		t.Warnings, t.Log = d.Warnings, d.Log
	}
	return t, nil
}

// each calls fn with every task's summary, oldest first.
func each(tx *store.Tx, fn func(Task) error) error {
	return store.Each(tx, bucketTasks, func(_ string, t Task) error { return fn(t) })
}
