package scheduler

import (
	"fmt"

	"coffre/engine/protect"
	"coffre/engine/spec"
	"coffre/server/jobs"
	"coffre/server/store"
	"coffre/server/tasks"
)

// bucketPasswords holds the backup passwords kept for protected schedules, keyed client/id,
// sealed with the host's secret key as the FTP password is. Never in the schedule's record.
const bucketPasswords = "schedule-passwords"

// CodeInvalidPassword refuses a backup password the engine would refuse (as the Back Up form).
const CodeInvalidPassword = "invalid_backup_password"

// Password says what SetWithPassword does with the schedule's kept backup password.
type Password struct {
	New    string // a password to keep: the runs make protected backups with it
	Forget bool   // forget the kept password: the runs make unprotected backups again
}

// passwordLabel binds a sealed password to its client and schedule.
func passwordLabel(client, id string) string { return "schedule:" + client + "/" + id }

// checkPassword refuses a new password that the Back Up form would refuse.
func checkPassword(pw Password) error {
	if pw.New == "" || pw.Forget {
		return nil
	}
	if _, err := protect.NewKey(pw.New); err != nil {
		return &jobs.Refusal{Errors: spec.Errors{{Field: "password", Code: CodeInvalidPassword}}}
	}
	return nil
}

// seal is the new password sealed for sc; nil when there is none.
func (s *Scheduler) seal(sc Schedule, pw Password) ([]byte, error) {
	if pw.New == "" || pw.Forget {
		return nil, nil
	}
	sealed, err := s.jobs.Seal(passwordLabel(sc.Client, sc.ID), []byte(pw.New))
	if err != nil {
		return nil, fmt.Errorf("keep the backup password of schedule %s: %w", sc.ID, err)
	}
	return sealed, nil
}

// putPassword stores sealed (a new password), removes the kept one (forget), or leaves it,
// and says whether one is kept after.
func putPassword(tx *store.Tx, sc Schedule, sealed []byte, forget bool) (bool, error) {
	k := key(sc.Client, sc.ID)
	switch {
	case forget:
		return false, store.Delete(tx, bucketPasswords, k)
	case sealed != nil:
		return true, store.Put(tx, bucketPasswords, k, sealed)
	}
	_, ok, err := store.Get[[]byte](tx, bucketPasswords, k)
	return ok, err
}

// keepRunPassword opens the password kept for sc and gives it to the task that req becomes.
func (s *Scheduler) keepRunPassword(sc Schedule, req tasks.Request) error {
	var sealed []byte
	err := s.st.View(func(tx *store.Tx) error {
		var err error
		sealed, _, err = store.Get[[]byte](tx, bucketPasswords, key(sc.Client, sc.ID))
		return err
	})
	if err != nil {
		return fmt.Errorf("backup password of schedule %s: %w", sc.ID, err)
	}
	if len(sealed) == 0 {
		return fmt.Errorf("backup password of schedule %s: none kept (set it again)", sc.ID)
	}
	pw, err := s.jobs.Open(passwordLabel(sc.Client, sc.ID), sealed)
	if err != nil {
		return fmt.Errorf("backup password of schedule %s: %w", sc.ID, err)
	}
	k, err := protect.NewKey(string(pw))
	if err != nil {
		return fmt.Errorf("backup password of schedule %s: %w", sc.ID, err)
	}
	return s.jobs.KeepPassword(req, k)
}
