package jobs

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"time"

	"coffre/engine/backup"
	"coffre/engine/spec"
)

// Listed is one backup of a client's catalog with the storage that holds it: what the API and
// `coffre backups --json` show.
type Listed struct {
	backup.Entry
	Storage string `json:"storage"`
	// Verification is what the last verification found, nil if none (verified.go).
	Verification *Verification `json:"verification,omitempty"`
	Kept         bool          `json:"kept,omitempty"` // kept forever: retention never deletes it (keep.go)
}

// StorageError is the failure to list one storage; List still returns the others' backups.
type StorageError struct {
	Storage string
	Err     error
}

func (e *StorageError) Error() string {
	return fmt.Sprintf("list the %s storage: %v", e.Storage, e.Err)
}
func (e *StorageError) Unwrap() error { return e.Err }

// List returns the backups of the client login in the storage kind ("" for every storage the
// client has: the server storage, and the personal FTP storage once set up), newest first, each
// with its chain's status and who signed it. The catalog is what the storages hold: their
// manifests, never the store alone. A storage is read without the client's lock: a backup
// under way has no manifest yet and is not listed. When a storage cannot be read, List returns
// the backups of the others and a *StorageError.
func (j *Jobs) List(ctx context.Context, login, kind string) ([]Listed, error) {
	c, err := j.st.Client(login)
	if err != nil {
		return nil, err
	}
	kinds := []string{kind}
	if kind == "" {
		kinds = []string{spec.StorageServer}
		if c.FTP != nil && c.Rights.FTPStorage {
			kinds = append(kinds, spec.StorageFTP)
		}
	}
	out := []Listed{}
	var errs []error
	for _, k := range kinds {
		entries, err := j.list(ctx, login, k)
		if err != nil {
			errs = append(errs, &StorageError{Storage: k, Err: err})
			continue
		}
		for _, e := range entries {
			out = append(out, Listed{Entry: e, Storage: k})
		}
	}
	slices.SortStableFunc(out, func(a, b Listed) int { return b.Created.Compare(a.Created) })
	j.withVerifications(login, out)
	j.withKept(login, out)
	return out, errors.Join(errs...)
}

func (j *Jobs) list(ctx context.Context, login, kind string) ([]backup.Entry, error) {
	if kind == spec.StorageServer {
		dir, err := j.storageDir(login)
		if err != nil {
			return nil, err
		}
		if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
			return nil, nil // no backup yet: do not make the folder for a listing
		}
	}
	ring, err := j.Ring()
	if err != nil {
		return nil, err
	}
	st, err := j.clientStorage(ctx, login, kind)
	if err != nil {
		return nil, err
	}
	defer closeStorage(st)
	return backup.List(ctx, st, ring)
}

// lastBackup is a cached answer of LastBackup.
type lastBackup struct {
	mtime time.Time // the storage folder's, when the answer was computed
	when  *time.Time
}

// LastBackup returns when the newest complete backup of the client in the server storage was
// made, nil if none: the API's hook for the Clients list. It reads the catalog (backup.List)
// only when the storage folder changed since the last call (its mtime), so the Clients list
// costs one stat per client; the answer is always the storage's own, whoever made the backup
// (the panel, the CLI) and whatever removed one.
func (j *Jobs) LastBackup(login string) *time.Time {
	dir, err := j.storageDir(login)
	if err != nil {
		return nil
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return nil
	}
	j.lastMu.Lock()
	c, ok := j.last[login]
	j.lastMu.Unlock()
	if ok && c.mtime.Equal(fi.ModTime()) {
		return c.when
	}
	list, err := j.list(context.Background(), login, spec.StorageServer)
	if err != nil {
		return nil
	}
	var when *time.Time
	for _, e := range list {
		if e.Status == backup.StatusOK && (when == nil || e.Created.After(*when)) {
			t := e.Created
			when = &t
		}
	}
	j.lastMu.Lock()
	j.last[login] = lastBackup{mtime: fi.ModTime(), when: when}
	j.lastMu.Unlock()
	return when
}

// forgetLast drops the cached LastBackup of a client.
func (j *Jobs) forgetLast(login string) {
	j.lastMu.Lock()
	delete(j.last, login)
	j.lastMu.Unlock()
}
