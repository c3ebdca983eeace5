package jobs

import (
	"context"
	"errors"
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
}

// List returns the backups of the client login in the storage kind ("" for every storage the
// client has), newest first, each with its chain's status. The server storage is read without
// the client's lock: a backup under way has no manifest yet and is not listed.
func (j *Jobs) List(ctx context.Context, login, kind string) ([]Listed, error) {
	if _, err := j.st.Client(login); err != nil {
		return nil, err
	}
	kinds := []string{kind}
	if kind == "" {
		kinds = []string{spec.StorageServer} // the FTP storage joins when it exists
	}
	out := []Listed{}
	for _, k := range kinds {
		entries, err := j.list(ctx, login, k)
		if err != nil {
			return nil, err
		}
		for _, e := range entries {
			out = append(out, Listed{Entry: e, Storage: k})
		}
	}
	slices.SortStableFunc(out, func(a, b Listed) int { return b.Created.Compare(a.Created) })
	return out, nil
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
	st, err := j.clientStorage(login, kind)
	if err != nil {
		return nil, err
	}
	return backup.List(ctx, st)
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
