package scheduler

import (
	"fmt"
	"strings"

	"coffre/engine/retention"
	"coffre/server/store"
)

// bucketSchedules holds the schedules, keyed client/id.
const bucketSchedules = "schedules"

func key(client, id string) string { return client + "/" + id }

func notFound(client, id string) error {
	return &store.Error{Code: store.CodeNotFound, Field: "schedule", Args: []string{id},
		Msg: "no schedule " + id + " for " + client}
}

// Get returns the client's schedule id; an error matching store.ErrNotFound when none.
func Get(st *store.Store, client, id string) (Schedule, error) {
	var s Schedule
	err := st.View(func(tx *store.Tx) error {
		var ok bool
		var err error
		if s, ok, err = store.Get[Schedule](tx, bucketSchedules, key(client, id)); err == nil && !ok {
			err = notFound(client, id)
		}
		return err
	})
	return s, err
}

// List returns the schedules of client ("" for every client), by client then id.
func List(st *store.Store, client string) ([]Schedule, error) {
	out := []Schedule{}
	err := st.View(func(tx *store.Tx) error {
		return store.Each(tx, bucketSchedules, func(k string, s Schedule) error {
			if client == "" || strings.HasPrefix(k, client+"/") {
				out = append(out, s)
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list schedules: %w", err)
	}
	return out, nil
}

// Delete removes the client's schedule id; the runs already queued stay.
func Delete(st *store.Store, client, id string) error {
	return st.Update(func(tx *store.Tx) error {
		_, ok, err := store.Get[Schedule](tx, bucketSchedules, key(client, id))
		if err != nil {
			return err
		}
		if !ok {
			return notFound(client, id)
		}
		if err := store.Delete(tx, bucketPasswords, key(client, id)); err != nil {
			return err
		}
		return store.Delete(tx, bucketSchedules, key(client, id))
	})
}

// put stores s as set by a user: its state is kept, but its runs count from now on (a new
// time never fires for a time already past).
// sealed, when set, is a new backup password to keep; forget removes the kept one.
func put(st *store.Store, s Schedule, sealed []byte, forget bool) (Schedule, error) {
	err := st.Update(func(tx *store.Tx) error {
		kept, err := putPassword(tx, s, sealed, forget)
		if err != nil {
			return err
		}
		s.PasswordKept, s.Backup.Protected = kept, kept
		old, ok, err := store.Get[Schedule](tx, bucketSchedules, key(s.Client, s.ID))
		if err != nil {
			return err
		}
		if ok {
			old.State.LastDue = s.Updated
			s.State = old.State
		} else {
			s.State = State{LastDue: s.Updated}
		}
		return store.Put(tx, bucketSchedules, key(s.Client, s.ID), s)
	})
	return s, err
}

// saveState writes the state a tick computed, unless the schedule was set or removed since
// it was read (then the next tick starts from the new one).
func saveState(st *store.Store, s Schedule) error {
	return st.Update(func(tx *store.Tx) error {
		cur, ok, err := store.Get[Schedule](tx, bucketSchedules, key(s.Client, s.ID))
		if err != nil || !ok || !cur.Updated.Equal(s.Updated) {
			return err
		}
		cur.State = s.State
		return store.Put(tx, bucketSchedules, key(s.Client, s.ID), cur)
	})
}

// Policies returns the retention rules that apply to the client's storage kind: those of its
// schedules that back up there, with instead, when with is set, the schedule with.ID as with
// says (a rule being edited).
func Policies(st *store.Store, client, kind string, with *Schedule) ([]retention.Policy, error) {
	all, err := List(st, client)
	if err != nil {
		return nil, err
	}
	var out []retention.Policy
	for _, sc := range all {
		if with != nil && sc.ID == with.ID {
			continue
		}
		if sc.Backup.Storage == kind && !sc.Retention.Off() {
			out = append(out, sc.Policy())
		}
	}
	if with != nil && with.Backup.Storage == kind && !with.Retention.Off() {
		out = append(out, with.Policy())
	}
	return out, nil
}
