package jobs

import (
	"context"
	"errors"
	"strings"

	"coffre/engine/manifest"
	"coffre/engine/storage"

	"coffre/server/store"
)

// bucketKept holds the backups marked as kept forever, keyed client/storage/name: retention
// never deletes them, nor the backups of their chain.
const bucketKept = "kept"

// SetKept marks backup name of the client's storage kind as kept forever, or no longer when
// kept is false. The backup must exist (store.ErrNotFound otherwise).
func (j *Jobs) SetKept(ctx context.Context, login, kind, name string, kept bool) error {
	if err := j.checkBackup(login, kind, name); err != nil {
		return err
	}
	st, err := j.clientStorage(ctx, login, kind)
	if err != nil {
		return err
	}
	_, err = st.Stat(ctx, manifest.ManifestName(name))
	closeStorage(st)
	if errors.Is(err, storage.ErrNotFound) {
		return store.ErrNotFound
	}
	if err != nil {
		return err
	}
	if kept {
		return j.st.Update(func(tx *store.Tx) error {
			return store.Put(tx, bucketKept, verificationKey(login, kind, name), true)
		})
	}
	return j.st.Update(func(tx *store.Tx) error {
		return store.Delete(tx, bucketKept, verificationKey(login, kind, name))
	})
}

// kept returns the names of the client's backups of the storage kind kept forever.
func (j *Jobs) kept(login, kind string) (map[string]bool, error) {
	out := map[string]bool{}
	prefix := login + "/" + kind + "/"
	err := j.st.View(func(tx *store.Tx) error {
		return store.Each(tx, bucketKept, func(key string, _ bool) error {
			if name, ok := strings.CutPrefix(key, prefix); ok && name != "" {
				out[name] = true
			}
			return nil
		})
	})
	return out, err
}

// withKept marks the listed backups kept forever.
func (j *Jobs) withKept(login string, list []Listed) {
	byKind := map[string]map[string]bool{}
	for i := range list {
		k := list[i].Storage
		if byKind[k] == nil {
			byKind[k], _ = j.kept(login, k)
		}
		list[i].Kept = byKind[k][list[i].Name]
	}
}
