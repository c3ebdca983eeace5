package jobs

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"coffre/engine/restore"
	"coffre/engine/storage"
	"coffre/server/store"
)

// Where the free-space setting lives in the store.
const (
	bucketSettings = "settings"
	keySpace       = "space"
)

// SpaceSettings is what the administrator sets about free space.
type SpaceSettings struct {
	// MinFree is the free space a backup to the server storage or a restore must leave, in
	// bytes: one that would leave less is refused before it writes.
	MinFree int64 `json:"minFree"`
}

// CodeInvalidMinFree is the error code of a minimum free space out of range.
const CodeInvalidMinFree = "invalid_min_free"

// MaxMinFree bounds the minimum free space (1 PiB).
const MaxMinFree = 1 << 50

// Space reads the free-space settings (zero when never set).
func (j *Jobs) Space() (SpaceSettings, error) {
	var s SpaceSettings
	err := j.st.View(func(tx *store.Tx) (err error) {
		s, _, err = store.Get[SpaceSettings](tx, bucketSettings, keySpace)
		return err
	})
	return s, err
}

// SetSpace saves the free-space settings.
func (j *Jobs) SetSpace(s SpaceSettings) error {
	if s.MinFree < 0 || s.MinFree > MaxMinFree {
		return &store.Error{Code: CodeInvalidMinFree, Field: "minFree", Msg: "the minimum free space must be between 0 and 1 PiB"}
	}
	return j.st.Update(func(tx *store.Tx) error { return store.Put(tx, bucketSettings, keySpace, s) })
}

// minFree is the minimum free space to keep; 0 when it cannot be read.
func (j *Jobs) minFree() int64 {
	s, err := j.Space()
	if err != nil {
		return 0
	}
	return s.MinFree
}

// checkRestoreSpace refuses a restore whose content would not fit, with the minimum kept, in
// the file system of one of its targets.
func (j *Jobs) checkRestoreSpace(ctx context.Context, pv restore.Preview) error {
	keep := j.minFree()
	seen := map[string]bool{}
	for _, t := range pv.Targets {
		dir := existingAncestor(t)
		if seen[dir] {
			continue
		}
		seen[dir] = true
		if err := storage.CheckSpace(dir, pv.Bytes, keep); err != nil {
			return fmt.Errorf("restore: %w", err)
		}
	}
	return ctx.Err()
}

// existingAncestor is dir, or its nearest parent that exists.
func existingAncestor(dir string) string {
	for {
		if _, err := os.Stat(dir); err == nil || !errors.Is(err, os.ErrNotExist) {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return dir
		}
		dir = parent
	}
}
