package storage

import (
	"context"
	"errors"
	"fmt"

	"golang.org/x/sys/unix"

	"coffre/internal/humanize"
)

// Spacer is a storage that knows the free space left where it writes (the server storage).
type Spacer interface {
	// Free returns the bytes an unprivileged writer may still use, and where (a folder).
	Free(ctx context.Context) (free int64, where string, err error)
}

// Free implements Spacer: the space available to unprivileged users in the storage's file
// system.
func (l *Local) Free(ctx context.Context) (int64, string, error) {
	if err := ctx.Err(); err != nil {
		return 0, l.dir, err
	}
	n, err := FreeSpace(l.dir)
	return n, l.dir, err
}

// FreeSpace returns the bytes available to unprivileged users in the file system of dir.
func FreeSpace(dir string) (int64, error) {
	var fs unix.Statfs_t
	if err := unix.Statfs(dir, &fs); err != nil {
		return 0, fmt.Errorf("free space of %s: %w", dir, err)
	}
	return int64(fs.Bavail) * int64(fs.Bsize), nil
}

// ErrNoSpace is wrapped by every refusal or failure for lack of free space.
var ErrNoSpace = errors.New("not enough free space")

// SpaceError is a refusal before writing: the estimated need does not fit.
type SpaceError struct {
	Needed int64  // the estimated bytes to write, plus the minimum to keep free
	Free   int64  // the bytes free now
	Where  string // the folder written to
}

func (e *SpaceError) Error() string {
	return fmt.Sprintf("not enough free space: about %s needed, %s free in %s",
		humanize.Bytes("en", e.Needed), humanize.Bytes("en", e.Free), e.Where)
}

func (e *SpaceError) Unwrap() error { return ErrNoSpace }

// CheckSpace refuses (a *SpaceError) to write about need bytes into the file system of dir
// when, with keep bytes left free after, they would not fit.
func CheckSpace(dir string, need, keep int64) error {
	free, err := FreeSpace(dir)
	if err != nil {
		return err
	}
	if need+keep > free {
		return &SpaceError{Needed: need + keep, Free: free, Where: dir}
	}
	return nil
}
