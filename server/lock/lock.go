package lock

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"

	"coffre/server/failure"
)

// Dir is the folder of the data directory that holds the lock files.
const Dir = "locks"

// ErrBusy is returned by TryClient when another task holds the client's lock.
var ErrBusy = failure.New(failure.Busy, "another backup or restore of this client is running")

// Client takes the lock of the client login in the data directory dataDir, waiting while
// another process or goroutine holds it, until ctx is done. The caller must call release.
func Client(ctx context.Context, dataDir, login string) (release func(), err error) {
	for {
		release, err := TryClient(dataDir, login)
		if !errors.Is(err, ErrBusy) {
			return release, err
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("wait for the lock of client %s: %w", login, ctx.Err())
		case <-time.After(200 * time.Millisecond):
		}
	}
}

// TryClient takes the lock of the client login without waiting; it returns ErrBusy when held.
// The lock is released by release or when the process ends, however it ends.
func TryClient(dataDir, login string) (release func(), err error) {
	dir := filepath.Join(dataDir, Dir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("lock client %s: %w", login, err)
	}
	path := filepath.Join(dir, login+".lock")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		return nil, fmt.Errorf("lock client %s: %w", login, err)
	}
	// flock locks belong to the open file description, so two opens in one process exclude
	// each other as two processes do.
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("client %s: %w", login, ErrBusy)
		}
		return nil, fmt.Errorf("lock client %s: %w", login, err)
	}
	return func() { f.Close() }, nil
}
