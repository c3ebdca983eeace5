package backup

import (
	"context"
	"errors"
	"fmt"
	"syscall"

	"coffre/engine/storage"
)

// Estimate overheads: per stored file (its tar header and index record) and per backup.
const (
	perFileOverhead = 1 << 10
	fixedOverhead   = 1 << 20
)

// checkSpace refuses, before anything is written, a backup whose estimated size (what the scan
// found to store, at the previous backup's compression ratio, with the databases' last dumps)
// would not leave o.MinFree free in a storage that knows its free space.
func (r *runner) checkSpace(ctx context.Context) error {
	sp, ok := r.o.Storage.(storage.Spacer)
	if !ok {
		return nil
	}
	free, where, err := sp.Free(ctx)
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	need := r.estimate()
	if need+r.o.MinFree > free {
		return fmt.Errorf("backup: %w", &storage.SpaceError{Needed: need + r.o.MinFree, Free: free, Where: where})
	}
	return nil
}

// estimate is the bytes the backup should store: the data of its files (a sparse file's holes
// are not stored) at the last backup's ratio, its database dumps, and the archive's overheads.
func (r *runner) estimate() int64 {
	ratio, dumps := 1.0, int64(0)
	if m := r.cat.latest(r.o.Spec.Client); m != nil {
		var stored int64
		for _, v := range m.Volumes {
			stored += v.Size
		}
		if m.Bytes > 0 {
			ratio = min(max(float64(stored)/float64(m.Bytes), 0.02), 1.05)
		}
		if m.Captured != nil && r.content().Files {
			for _, d := range m.Captured.DBs {
				dumps += d.Size
			}
		}
	}
	return int64(float64(r.data+dumps)*ratio) + r.files*perFileOverhead + fixedOverhead
}

// spaceFailure says that a backup stopped for lack of space, once its objects were removed.
func spaceFailure(err error) error {
	if errors.Is(err, syscall.ENOSPC) && !errors.Is(err, storage.ErrNoSpace) {
		return fmt.Errorf("%w: the storage's file system is full; the backup stopped and what it wrote was removed (%w)", storage.ErrNoSpace, err)
	}
	return err
}
