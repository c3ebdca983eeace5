package storage

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
)

// RangeOpener is a storage that reads an object from an offset without reading what comes
// before (a file seeked; FTP's REST). Storages that cannot are read through OpenAt's fallback.
type RangeOpener interface {
	OpenAt(ctx context.Context, name string, off int64) (io.ReadCloser, error)
}

// OpenAt reads object name of st from byte off: through st's own OpenAt when it has one, else
// from the start with the bytes before off read and dropped.
func OpenAt(ctx context.Context, st Storage, name string, off int64) (io.ReadCloser, error) {
	if ro, ok := st.(RangeOpener); ok {
		return ro.OpenAt(ctx, name, off)
	}
	rc, err := st.Open(ctx, name)
	if err != nil {
		return nil, err
	}
	if _, err := io.CopyN(io.Discard, rc, off); err != nil {
		rc.Close()
		return nil, fmt.Errorf("open %s at %d: %w", name, off, err)
	}
	return rc, nil
}

// OpenAt implements RangeOpener: the file is seeked to off.
func (l *Local) OpenAt(ctx context.Context, name string, off int64) (io.ReadCloser, error) {
	if err := checkName("local open", name); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("local open %s: %w", name, err)
	}
	f, err := os.OpenFile(filepath.Join(l.dir, name), os.O_RDONLY|syscall.O_NOFOLLOW, 0)
	if err != nil {
		return nil, fmt.Errorf("local open %s: %w", name, notFound(err))
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() {
		err = ErrNotFound
	}
	if err == nil {
		_, err = f.Seek(off, io.SeekStart)
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("local open %s at %d: %w", name, off, err)
	}
	return newCtxReadCloser(ctx, f), nil
}

// OpenAt implements RangeOpener when the wrapped storage does, retrying the transient
// failures to open; otherwise it reads and drops the bytes before off.
func (r *Retry) OpenAt(ctx context.Context, name string, off int64) (io.ReadCloser, error) {
	var rc io.ReadCloser
	err := r.do(ctx, func() (err error) { rc, err = OpenAt(ctx, r.inner, name, off); return err })
	return rc, err
}
