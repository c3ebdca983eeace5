package storage

import (
	"context"
	"errors"
	"io"
	"os"
	"sync/atomic"
	"time"
)

// RetryOptions tune Retry; zero fields take their defaults.
type RetryOptions struct {
	Attempts   int           // tries per call, the first included; default 4
	Backoff    time.Duration // wait before the second try, doubled at each next one; default 2s
	MaxBackoff time.Duration // longest wait; default 30s
	// Sleep waits d or until ctx is done (then it returns ctx.Err()); tests inject their own.
	Sleep func(ctx context.Context, d time.Duration) error
	// StageDir holds the stage of a Put whose reader cannot rewind: the last StageBytes read
	// from it, so that the storage can resume or re-send. Default os.TempDir().
	StageDir   string
	StageBytes int64 // default 64 MiB
}

// DefaultStageBytes bounds what a Put stages on local disk.
const DefaultStageBytes = 64 << 20

// Retry wraps a Storage and tries again the calls that fail with a transient error, a bounded
// number of times with a growing wait; a permanent error, or a cancelled ctx, ends at once. A
// Put is resumed from what the storage holds (PartialPut) or re-sent from its start, reading
// again from a stage on local disk: the producer of the stream is never asked twice. Like
// restic's backend/retry, it is safe for concurrent use.
type Retry struct {
	inner Storage
	o     RetryOptions
	peak  atomic.Int64
}

var _ Storage = (*Retry)(nil)

// NewRetry wraps s.
func NewRetry(s Storage, o RetryOptions) *Retry {
	if o.Attempts <= 0 {
		o.Attempts = 4
	}
	if o.Backoff <= 0 {
		o.Backoff = 2 * time.Second
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = 30 * time.Second
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	if o.StageDir == "" {
		o.StageDir = os.TempDir()
	}
	if o.StageBytes <= 0 {
		o.StageBytes = DefaultStageBytes
	}
	return &Retry{inner: s, o: o}
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// StagedPeak is the most bytes that one Put held on local disk at once.
func (r *Retry) StagedPeak() int64 { return r.peak.Load() }

// wait sleeps before try number attempt (2, 3...); false if the call must stop instead.
func (r *Retry) wait(ctx context.Context, attempt int, err error) bool {
	if attempt > r.o.Attempts || !IsTransient(err) || ctx.Err() != nil {
		return false
	}
	d := r.o.Backoff << (attempt - 2)
	if d > r.o.MaxBackoff || d <= 0 {
		d = r.o.MaxBackoff
	}
	return r.o.Sleep(ctx, d) == nil
}

// do runs fn until it succeeds, fails for good, or the attempts are spent.
func (r *Retry) do(ctx context.Context, fn func() error) error {
	err := fn()
	for attempt := 2; err != nil && r.wait(ctx, attempt, err); attempt++ {
		err = fn()
	}
	return err
}

// Put implements Storage.
func (r *Retry) Put(ctx context.Context, name string, src io.Reader) (int64, error) {
	rw, ok := AsRewinder(src)
	if !ok {
		st := newStage(src, r.o.StageDir, r.o.StageBytes, r.notePeak)
		defer st.close()
		rw = st
	}
	n, err := r.inner.Put(ctx, name, rw)
	for attempt := 2; err != nil && r.wait(ctx, attempt, err); attempt++ {
		var p *PartialPut
		if errors.As(err, &p) {
			n, err = p.Resume(ctx, rw)
			continue
		}
		if rw.Rewind(0) != nil {
			break
		}
		n, err = r.inner.Put(ctx, name, rw)
	}
	var p *PartialPut
	if err != nil && errors.As(err, &p) {
		p.Discard(ctx)
	}
	return n, err
}

func (r *Retry) notePeak(n int64) {
	for {
		old := r.peak.Load()
		if n <= old || r.peak.CompareAndSwap(old, n) {
			return
		}
	}
}

// Open implements Storage: opening is retried; reading is the caller's.
func (r *Retry) Open(ctx context.Context, name string) (io.ReadCloser, error) {
	var rc io.ReadCloser
	err := r.do(ctx, func() (err error) { rc, err = r.inner.Open(ctx, name); return err })
	return rc, err
}

// List implements Storage.
func (r *Retry) List(ctx context.Context, prefix string) ([]Info, error) {
	var out []Info
	err := r.do(ctx, func() (err error) { out, err = r.inner.List(ctx, prefix); return err })
	return out, err
}

// Stat implements Storage.
func (r *Retry) Stat(ctx context.Context, name string) (Info, error) {
	var in Info
	err := r.do(ctx, func() (err error) { in, err = r.inner.Stat(ctx, name); return err })
	return in, err
}

// Delete implements Storage.
func (r *Retry) Delete(ctx context.Context, name string) error {
	return r.do(ctx, func() error { return r.inner.Delete(ctx, name) })
}

// Close implements Storage.
func (r *Retry) Close() error { return r.inner.Close() }

// RemoveTemp removes the wrapped storage's leftover temporary uploads, if it keeps any.
func (r *Retry) RemoveTemp() error {
	if t, ok := r.inner.(interface{ RemoveTemp() error }); ok {
		return t.RemoveTemp()
	}
	return nil
}
