package jobs

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"coffre/engine/backup"
	"coffre/engine/manifest"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/server/lock"
	"coffre/server/store"
)

// Codes of the refusals of Delete and Upload (store.Error codes: the API sends them as is).
const (
	CodeHasDependents = "has_dependents" // Args: the backups that depend on it, newest first
	CodeConfirm       = "confirm_names"  // Args: the backups the confirmation must name
)

// CheckStorage checks that the client login exists and may use the storage kind: the server
// storage, or its personal FTP storage (the FTP right and settings). A refusal is a *Refusal
// (Forbidden) naming the right.
func (j *Jobs) CheckStorage(login, kind string) error {
	c, err := j.st.Client(login)
	if err != nil {
		return err
	}
	if kind != spec.StorageServer && kind != spec.StorageFTP {
		return &Refusal{Errors: spec.Errors{{Field: "storage", Code: spec.CodeInvalidStorage}}}
	}
	var es spec.Errors
	if kind == spec.StorageFTP && !c.Rights.FTPStorage {
		es = append(es, spec.FieldError{Field: "storage", Code: spec.CodeRightFTP})
	}
	if kind == spec.StorageFTP && c.FTP == nil {
		es = append(es, spec.FieldError{Field: "storage", Code: spec.CodeFTPNotConfigured})
	}
	if len(es) > 0 {
		return &Refusal{Forbidden: true, Errors: es}
	}
	return nil
}

// Dependents returns the backups of the client's storage kind that depend on backup name (later
// incrementals of its chain), newest first; a missing backup is store.ErrNotFound.
func (j *Jobs) Dependents(ctx context.Context, login, kind, name string) ([]string, error) {
	if err := j.checkBackup(login, kind, name); err != nil {
		return nil, err
	}
	st, err := j.clientStorage(ctx, login, kind)
	if err != nil {
		return nil, err
	}
	defer closeStorage(st)
	return dependents(ctx, st, name)
}

func dependents(ctx context.Context, st storage.Storage, name string) ([]string, error) {
	deps, err := backup.Dependents(ctx, st, name)
	if errors.Is(err, storage.ErrNotFound) {
		return nil, store.ErrNotFound
	}
	return deps, err
}

// checkBackup checks the storage rights and the backup's name.
func (j *Jobs) checkBackup(login, kind, name string) error {
	if err := j.CheckStorage(login, kind); err != nil {
		return err
	}
	if !storage.ValidName(manifest.ManifestName(name)) {
		return store.ErrNotFound
	}
	return nil
}

// Delete deletes backup name of the client's storage kind, and the backups that depend on it
// when withDependents is set. confirm must name exactly the backups deleted (the backup and
// its dependents): nothing is deleted that the user did not see named. Dependents go first,
// newest first; each backup loses its manifest first. It holds the client's lock (store.ErrBusy
// while a backup or restore runs). It returns the backups deleted, in order.
func (j *Jobs) Delete(ctx context.Context, login, kind, name string, withDependents bool, confirm []string) ([]string, error) {
	if err := j.checkBackup(login, kind, name); err != nil {
		return nil, err
	}
	release, err := lock.TryClient(j.st.Dir(), login)
	if errors.Is(err, lock.ErrBusy) {
		return nil, &store.Error{Code: store.CodeBusy, Err: err, Msg: "a backup or restore of " + login + " is running; delete when it is done"}
	}
	if err != nil {
		return nil, err
	}
	defer release()
	st, err := j.clientStorage(ctx, login, kind)
	if err != nil {
		return nil, err
	}
	defer closeStorage(st)
	return j.deleteLocked(ctx, st, login, kind, name, withDependents, confirm)
}

// deleteLocked is Delete once the client's lock is held and its storage open.
func (j *Jobs) deleteLocked(ctx context.Context, st storage.Storage, login, kind, name string, withDependents bool, confirm []string) ([]string, error) {
	deps, err := dependents(ctx, st, name)
	if err != nil {
		return nil, err
	}
	if len(deps) > 0 && !withDependents {
		return nil, &store.Error{Code: CodeHasDependents, Field: "withDependents", Args: deps,
			Msg: fmt.Sprintf("later backups depend on %s: %s; delete them with it (with dependents) or keep it", name, strings.Join(deps, ", "))}
	}
	names := append(deps, name)
	if !sameNames(names, confirm) {
		return nil, &store.Error{Code: CodeConfirm, Field: "confirm", Args: names,
			Msg: "confirm the deletion by naming every backup it removes: " + strings.Join(names, ", ")}
	}
	var done []string
	for _, n := range names {
		if err := backup.Delete(ctx, st, n); err != nil {
			return done, fmt.Errorf("delete %s: %w", n, err)
		}
		done = append(done, n)
		j.forgetVerification(login, kind, n)
	}
	j.forgetLast(login)
	return done, nil
}

func sameNames(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b)) && len(a) == len(b)
}
