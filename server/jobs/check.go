package jobs

import (
	"errors"
	"slices"

	"coffre/engine/account"
	"coffre/engine/spec"
	"coffre/engine/storage"
)

// Refusal is a request refused before it becomes a task. Forbidden is a refusal by the client's
// rights (spec Allowed); otherwise the request itself is wrong (spec Validate, or a subscription
// that is not the client's, reported like a name that does not exist).
type Refusal struct {
	Forbidden bool
	Errors    spec.Errors
}

func (r *Refusal) Error() string { return r.Errors.Error() }

// CheckBackup validates b and checks it against its client's rights; the client must exist
// (an error matching store.ErrNotFound otherwise).
func (j *Jobs) CheckBackup(b spec.Backup) error {
	if err := b.Validate(); err != nil {
		return refusal(false, err)
	}
	c, err := j.ownSubscriptions(b.Client, b.Subscriptions)
	if err != nil {
		return err
	}
	if err := b.Allowed(c.Rights, c.FTP != nil); err != nil {
		return refusal(true, err)
	}
	return nil
}

// CheckRestore validates r, checks it against its client's rights, and checks its target:
// see CheckTarget.
func (j *Jobs) CheckRestore(r spec.Restore) error {
	if err := r.Validate(); err != nil {
		return refusal(false, err)
	}
	c, err := j.ownSubscriptions(r.Client, r.Subscriptions)
	if err != nil {
		return err
	}
	if err := r.Allowed(c.Rights, c.FTP != nil); err != nil {
		return refusal(true, err)
	}
	if err := j.CheckTarget(r.Client, r.RootBase); err != nil {
		return err
	}
	return j.CheckTarget(r.Client, r.To)
}

// CheckVerify checks a verification request: an existing client, a backup name, a storage.
func (j *Jobs) CheckVerify(client, backup, kind string) error {
	var es spec.Errors
	if !storage.ValidName(backup) {
		es = append(es, spec.FieldError{Field: "backup", Code: spec.CodeInvalidBackupName})
	}
	if kind != spec.StorageServer && kind != spec.StorageFTP {
		es = append(es, spec.FieldError{Field: "storage", Code: spec.CodeInvalidStorage})
	}
	if len(es) > 0 {
		return &Refusal{Errors: es}
	}
	_, err := j.st.Client(client)
	return err
}

// ownSubscriptions loads the client and checks that each subscription named is its own.
func (j *Jobs) ownSubscriptions(login string, subs []string) (account.Client, error) {
	a, err := j.st.Account(login)
	if err != nil {
		return account.Client{}, err
	}
	var es spec.Errors
	for _, d := range subs {
		if !slices.ContainsFunc(a.Subscriptions, func(s account.Subscription) bool { return s.Domain == d }) {
			es = append(es, spec.FieldError{Field: "subscriptions", Code: spec.CodeUnknownSubscript, Args: []string{d}})
		}
	}
	if len(es) > 0 {
		return account.Client{}, &Refusal{Errors: es}
	}
	return a.Client, nil
}

func refusal(forbidden bool, err error) error {
	var es spec.Errors
	if errors.As(err, &es) {
		return &Refusal{Forbidden: forbidden, Errors: es}
	}
	return err
}
