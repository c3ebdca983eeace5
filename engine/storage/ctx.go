package storage

import (
	"context"
	"fmt"
	"io"
)

// checkName returns an error wrapping ErrInvalidName when name is not a ValidName.
func checkName(op, name string) error {
	if !ValidName(name) {
		return fmt.Errorf("%s %q: %w", op, name, ErrInvalidName)
	}
	return nil
}

// checkPrefix accepts "" and any prefix that is itself a valid name (every prefix of a valid
// name is one), so that List never carries a hostile string to a backend.
func checkPrefix(op, prefix string) error {
	if prefix == "" {
		return nil
	}
	return checkName(op, prefix)
}

// ctxReader reads from r until ctx is done, then returns ctx.Err().
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// ctxWriter writes to w until ctx is done, then returns ctx.Err().
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}

// ctxReadCloser is a ctxReader that closes the underlying reader.
type ctxReadCloser struct {
	ctxReader
	c io.Closer
}

func (c ctxReadCloser) Close() error { return c.c.Close() }

func newCtxReadCloser(ctx context.Context, rc io.ReadCloser) io.ReadCloser {
	return ctxReadCloser{ctxReader{ctx, rc}, rc}
}

// copyCtx copies r to w with a large buffer, stopping with ctx.Err() once ctx is done. It hides
// ReaderFrom so that every read passes the context check; a WriterTo (a reader that holds its
// bytes already) writes them itself, each write passing the check, which saves a copy.
func copyCtx(ctx context.Context, w io.Writer, r io.Reader) (int64, error) {
	if wt, ok := r.(io.WriterTo); ok {
		n, err := wt.WriteTo(ctxWriter{ctx, w})
		if err == nil {
			err = ctx.Err()
		}
		return n, err
	}
	buf := make([]byte, 256<<10)
	n, err := io.CopyBuffer(struct{ io.Writer }{w}, ctxReader{ctx, r}, buf)
	if err == nil {
		err = ctx.Err()
	}
	return n, err
}
