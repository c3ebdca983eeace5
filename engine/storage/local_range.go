package storage

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"syscall"
)

// OpenRange reads n bytes of the object name from offset off (archive.RangeOpener): a restore
// of a few files reads only the frames that hold them.
func (l *Local) OpenRange(ctx context.Context, name string, off, n int64) (io.ReadCloser, error) {
	if err := checkName("local open", name); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("local open %s: %w", name, err)
	}
	if off < 0 || n < 0 {
		return nil, fmt.Errorf("local open %s: negative range", name)
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
		return nil, fmt.Errorf("local open %s: %w", name, err)
	}
	return newCtxReadCloser(ctx, struct {
		io.Reader
		io.Closer
	}{io.LimitReader(f, n), f}), nil
}
