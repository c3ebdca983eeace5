package storage

import (
	"context"
	"io"
	"sync/atomic"
)

// Counting wraps a Storage and counts the bytes that Put reads, as they pass: a progress source
// for uploads. Other methods go straight to the wrapped storage.
type Counting struct {
	Storage
	report func(n int64)
	total  atomic.Int64
}

var _ Storage = (*Counting)(nil)

// NewCounting wraps s. report, if not nil, is called with each chunk's byte count as Put reads
// it, on the goroutine that called Put (so it must be cheap and safe for concurrent Puts).
func NewCounting(s Storage, report func(n int64)) *Counting {
	if report == nil {
		report = func(int64) {}
	}
	return &Counting{Storage: s, report: report}
}

// PutBytes returns the bytes read by every Put so far, failed ones included.
func (c *Counting) PutBytes() int64 { return c.total.Load() }

// Put implements Storage.
func (c *Counting) Put(ctx context.Context, name string, r io.Reader) (int64, error) {
	return c.Storage.Put(ctx, name, countingReader{r: r, c: c})
}

type countingReader struct {
	r io.Reader
	c *Counting
}

func (cr countingReader) Read(p []byte) (int, error) {
	n, err := cr.r.Read(p)
	if n > 0 {
		cr.c.total.Add(int64(n))
		cr.c.report(int64(n))
	}
	return n, err
}
