package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// Local is the server storage: one folder on the host, one file per object. Put writes to a
// temporary dot-name in the same folder, fsyncs it, renames it into place and fsyncs the folder,
// so a reader sees either the whole object or nothing, even across a crash.
type Local struct {
	dir string
}

var _ Storage = (*Local)(nil)

// tempPrefix starts every temporary file. ValidName refuses a leading '.', so no object can
// ever be named like a temporary file.
const tempPrefix = ".tmp-"

// staleTemp is the age after which NewLocal removes a temporary file: an upload that old was
// interrupted by a crash.
const staleTemp = time.Hour

// NewLocal opens the storage folder dir, creating it (mode 0700) if needed, and removes the
// temporary files that interrupted uploads left there more than an hour ago.
func NewLocal(dir string) (*Local, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("local storage: %w", err)
	}
	l := &Local{dir: dir}
	if err := l.sweep(time.Now().Add(-staleTemp)); err != nil {
		return nil, fmt.Errorf("local storage: %w", err)
	}
	return l, nil
}

// RemoveTemp removes every temporary file, however fresh: the uploads that a killed process left
// half-written. The caller must know that no Put is running on this folder, in this process or
// another (the backup engine's caller holds the client's lock).
func (l *Local) RemoveTemp() error {
	if err := l.sweep(time.Now().Add(time.Hour)); err != nil {
		return fmt.Errorf("local storage: remove temporary files: %w", err)
	}
	return nil
}

// sweep removes the temporary files modified before cutoff.
func (l *Local) sweep(cutoff time.Time) error {
	entries, err := os.ReadDir(l.dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), tempPrefix) || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.ModTime().Before(cutoff) {
			continue
		}
		if err := os.Remove(filepath.Join(l.dir, e.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// Put implements Storage.
func (l *Local) Put(ctx context.Context, name string, r io.Reader) (int64, error) {
	if err := checkName("local put", name); err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("local put %s: %w", name, err)
	}
	f, err := os.CreateTemp(l.dir, tempPrefix+name+"-*")
	if err != nil {
		return 0, fmt.Errorf("local put %s: %w", name, err)
	}
	n, err := l.commit(ctx, f, name, r)
	if err != nil {
		f.Close()
		os.Remove(f.Name())
		return 0, fmt.Errorf("local put %s: %w", name, err)
	}
	return n, nil
}

// commit fills the temporary file f from r, makes it durable and renames it to name.
func (l *Local) commit(ctx context.Context, f *os.File, name string, r io.Reader) (int64, error) {
	wb := newWriteback(f)
	n, err := copyCtx(ctx, wb, r)
	wb.wait()
	if err != nil {
		return 0, err
	}
	if err := f.Sync(); err != nil {
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if err := os.Rename(f.Name(), filepath.Join(l.dir, name)); err != nil {
		return 0, err
	}
	return n, l.syncDir()
}

// syncDir makes the folder's entries (a rename, a removal) durable.
func (l *Local) syncDir() error {
	d, err := os.Open(l.dir)
	if err != nil {
		return err
	}
	if err := d.Sync(); err != nil {
		d.Close()
		return err
	}
	return d.Close()
}

// Open implements Storage. Reads fail with ctx.Err() once ctx is done.
func (l *Local) Open(ctx context.Context, name string) (io.ReadCloser, error) {
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
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("local open %s: %w", name, err)
	}
	return newCtxReadCloser(ctx, f), nil
}

// List implements Storage.
func (l *Local) List(ctx context.Context, prefix string) ([]Info, error) {
	if err := checkPrefix("local list", prefix); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("local list: %w", err)
	}
	entries, err := os.ReadDir(l.dir) // sorted by name
	if err != nil {
		return nil, fmt.Errorf("local list: %w", err)
	}
	var out []Info
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), prefix) || !ValidName(e.Name()) || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // deleted since ReadDir
		}
		out = append(out, Info{Name: e.Name(), Size: info.Size(), Modified: info.ModTime()})
	}
	return out, nil
}

// Stat implements Storage.
func (l *Local) Stat(ctx context.Context, name string) (Info, error) {
	if err := checkName("local stat", name); err != nil {
		return Info{}, err
	}
	if err := ctx.Err(); err != nil {
		return Info{}, fmt.Errorf("local stat %s: %w", name, err)
	}
	info, err := l.lstat(name)
	if err != nil {
		return Info{}, fmt.Errorf("local stat %s: %w", name, err)
	}
	return Info{Name: name, Size: info.Size(), Modified: info.ModTime()}, nil
}

// Delete implements Storage.
func (l *Local) Delete(ctx context.Context, name string) error {
	if err := checkName("local delete", name); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("local delete %s: %w", name, err)
	}
	if _, err := l.lstat(name); err != nil {
		return fmt.Errorf("local delete %s: %w", name, err)
	}
	if err := os.Remove(filepath.Join(l.dir, name)); err != nil {
		return fmt.Errorf("local delete %s: %w", name, notFound(err))
	}
	if err := l.syncDir(); err != nil {
		return fmt.Errorf("local delete %s: %w", name, err)
	}
	return nil
}

// lstat describes the object name; anything but a regular file counts as missing.
func (l *Local) lstat(name string) (fs.FileInfo, error) {
	info, err := os.Lstat(filepath.Join(l.dir, name))
	if err != nil {
		return nil, notFound(err)
	}
	if !info.Mode().IsRegular() {
		return nil, ErrNotFound
	}
	return info, nil
}

// notFound turns a missing file into ErrNotFound, keeping other errors.
func notFound(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return ErrNotFound
	}
	return err
}

// Close implements Storage: a folder holds nothing open.
func (l *Local) Close() error { return nil }
