package storage

import (
	"context"
	"errors"
	"io"
)

// transientError marks an error that a new attempt may cure.
type transientError struct{ err error }

func (e *transientError) Error() string { return e.err.Error() }
func (e *transientError) Unwrap() error { return e.err }

// Transient marks err as one that a new attempt may cure (a dropped connection, a timeout, a
// server busy for now). Transient(nil) is nil.
func Transient(err error) error {
	if err == nil {
		return nil
	}
	return &transientError{err}
}

// IsTransient reports whether err, or an error it wraps, was marked by Transient. A cancelled
// or expired context is never transient: the caller gave up.
func IsTransient(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	var t *transientError
	return errors.As(err, &t)
}

// Rewinder is a reader that can go back to an earlier point of its stream, so that a storage
// can resume or re-send an upload without asking the producer again.
type Rewinder interface {
	io.Reader
	// Rewind makes the next Read return the stream from offset off, counted from where the
	// first Read began. It fails with ErrRewind when off is no longer held (or not yet read).
	Rewind(off int64) error
}

// ErrRewind is wrapped by a Rewind to a part of the stream that the reader no longer holds.
var ErrRewind = errors.New("storage: cannot rewind the upload that far")

// PartialPut is wrapped by the error of a Put that failed after the storage kept part of the
// object under a hidden temporary name. Exactly one of Resume and Discard must be called.
type PartialPut struct {
	Name string // the object being stored
	Err  error  // why the upload stopped; transient or not
	// Resume asks the storage how much it holds, rewinds r there and sends the rest, then
	// commits the object as Put does. It returns the object's size, or a new error (possibly
	// another PartialPut). r must be the Rewinder given to the failed Put.
	Resume func(ctx context.Context, r Rewinder) (int64, error)
	// Discard deletes the part kept.
	Discard func(ctx context.Context) error
}

func (p *PartialPut) Error() string { return p.Err.Error() }
func (p *PartialPut) Unwrap() error { return p.Err }

// seekRewinder makes an io.ReadSeeker a Rewinder, from its position when wrapped.
type seekRewinder struct {
	io.ReadSeeker
	start int64
}

// AsRewinder returns r as a Rewinder when it is one or can seek, and false otherwise.
func AsRewinder(r io.Reader) (Rewinder, bool) {
	switch v := r.(type) {
	case Rewinder:
		return v, true
	case io.ReadSeeker:
		start, err := v.Seek(0, io.SeekCurrent)
		if err != nil {
			return nil, false
		}
		return &seekRewinder{v, start}, true
	}
	return nil, false
}

func (s *seekRewinder) Rewind(off int64) error {
	_, err := s.Seek(s.start+off, io.SeekStart)
	return err
}
