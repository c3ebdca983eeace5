package jobs

import (
	"context"
	"errors"

	"coffre/engine/manifest"
)

// Exists returns nil when the client's storage kind holds the backup name (its manifest, of
// this client), an error matching ErrNoBackup when it does not, a *StorageError when the
// storage cannot be read. Commands check it before they make a task of a mistyped name.
func (j *Jobs) Exists(ctx context.Context, login, kind, name string) error {
	st, err := j.clientStorage(ctx, login, kind)
	if err != nil {
		return &StorageError{Storage: kind, Err: err}
	}
	defer closeStorage(st)
	_, err = loadManifest(ctx, st, login, name)
	if errors.Is(err, manifest.ErrLocked) {
		return nil // it exists; the task asks for its password
	}
	return err
}
