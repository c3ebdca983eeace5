package storage

import (
	"context"
	"errors"
	"io"
	"time"
)

// Storage keeps one client's backups as named objects in a flat namespace (no folders).
//
// The guarantees every implementation gives, checked by the conformance suite in storagetest:
//   - Put is atomic: until it returns nil, no reader sees the object (no partial object is ever
//     visible to Open, Stat or List, even if the process is killed mid-way); when it returns nil
//     the object is durable and readable (read-after-write). Put replaces an existing object
//     atomically. A failed or cancelled Put leaves nothing listed.
//   - Open returns a reader of the whole object; the caller must Close it. Keep ctx alive while
//     reading: reads may fail with ctx.Err() once it is done.
//   - List returns the objects whose names start with prefix, sorted by name; never a temporary
//     or partial upload. A prefix other than "" must itself be a valid name (ErrInvalidName).
//   - Stat and Open of a missing object, and Delete of one, return an error wrapping ErrNotFound.
//   - Names are checked with ValidName before any I/O: an invalid name returns ErrInvalidName.
//   - Every method honours ctx: a cancelled context ends the call promptly with ctx.Err().
//   - Close releases what the storage holds (a remote storage's connections); the caller calls
//     it once, after its last use; calls made after it fail.
//
// What a remote storage adds (FTP; later SFTP, S3), checked by its fault tests:
//   - Every call has a deadline: a server that stops answering fails the call, never hangs it.
//   - Errors that a new attempt may cure (a dropped connection, a timeout, "421 too many
//     users") are marked with Transient; every other error is permanent and never retried.
//     Retry wraps a storage and retries the transient ones.
//   - Put reads r once, front to back, unless r is a Rewinder: then a storage may go back in it
//     to resume or re-send. A Put that failed after the storage kept part of the object returns
//     an error wrapping a *PartialPut, whose Resume continues the upload from the part the
//     storage confirms holding, and whose Discard deletes that part; the part is hidden from
//     List. A storage that keeps such parts also has RemoveTemp() error, which deletes those
//     that a killed process left (the caller holds the client's lock).
//
// Implementations are safe for concurrent use by several goroutines.
type Storage interface {
	// Put stores the whole of r under name, and returns the number of bytes stored.
	Put(ctx context.Context, name string, r io.Reader) (int64, error)
	// Open reads the object name. The caller must Close the reader.
	Open(ctx context.Context, name string) (io.ReadCloser, error)
	// List returns the objects whose names start with prefix ("" for all), sorted by name.
	List(ctx context.Context, prefix string) ([]Info, error)
	// Stat describes the object name.
	Stat(ctx context.Context, name string) (Info, error)
	// Delete removes the object name.
	Delete(ctx context.Context, name string) error
	// Close releases the storage's resources (connections); nil for a local storage.
	Close() error
}

// Info describes a stored object.
type Info struct {
	Name     string    `json:"name"`
	Size     int64     `json:"size"`
	Modified time.Time `json:"modified"`
}

// Errors callers branch on.
var (
	ErrNotFound    = errors.New("storage: object not found")
	ErrInvalidName = errors.New("storage: invalid object name")
)

// ValidName reports whether name may be used as an object name: 1 to 200 bytes of ASCII
// letters, digits, '.', '_' and '-', not starting with '.' or '-'.
func ValidName(name string) bool {
	if name == "" || len(name) > 200 || name[0] == '.' || name[0] == '-' {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '.' || c == '_' || c == '-'
		if !ok {
			return false
		}
	}
	return true
}
