package extract

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
)

func (w *Writer) file(ctx context.Context, rel string, hdr *tar.Header, body io.Reader) error {
	if hdr.Size < 0 || w.stats.Bytes+hdr.Size > w.opts.MaxBytes {
		return fmt.Errorf("%w: %d bytes after %d (at most %d)", ErrLimit, hdr.Size, w.stats.Bytes, w.opts.MaxBytes)
	}
	w.replacing(rel)
	dirRel, base := split(rel)
	h, err := w.dirs.acquire(dirRel)
	if err != nil {
		return err
	}
	w.stats.Files++
	w.stats.Bytes += hdr.Size
	j := job{h: h, base: base, rel: rel, m: metaOf(hdr)}
	if w.pool != nil && hdr.Size <= smallFile {
		j.data = w.pool.reserve(hdr.Size)
		if _, err := io.ReadFull(body, j.data); err != nil {
			w.dirs.release(h)
			return fmt.Errorf("read content: %w", err)
		}
		w.files.add(w.hash(rel))
		w.pool.submit(j)
		return nil
	}
	defer w.dirs.release(h)
	if err := w.writeFile(h, base, j.m, func(f *os.File) error { return fill(ctx, f, body, hdr.Size) }); err != nil {
		return err
	}
	w.files.add(w.hash(rel))
	return nil
}

// writeJob writes a small file on a worker.
func (w *Writer) writeJob(j job) error {
	return w.writeFile(j.h, j.base, j.m, func(f *os.File) error {
		_, err := f.Write(j.data)
		return err
	})
}

// writeFile writes a file that no one sees before it is whole, sets its attributes and gives it
// the name base in h (replacing what was there): a reader, or a killed restore, finds the old
// file or the new one, never a part. The file is created under a fresh temporary name
// (O_CREATE|O_EXCL through h's Root), then renamed over base through the Root; on failure the
// temporary name is removed.
func (w *Writer) writeFile(h *dirHandle, base string, m meta, content func(*os.File) error) error {
	tmp, f, err := w.createTemp(h)
	if err != nil {
		return err
	}
	err = content(f)
	if err == nil {
		err = w.finish(h, tmp, f, m)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		h.root.Remove(tmp)
		return err
	}
	return place(h, tmp, base)
}

// createFlags make a new file, never through a symlink (os.Root adds O_NOFOLLOW). O_NONBLOCK,
// which changes nothing for a regular file, spares os.File four fcntl calls per file (it would
// set, then clear, the flag around its attempt to register the file with the poller).
const createFlags = os.O_WRONLY | os.O_CREATE | os.O_EXCL | syscall.O_NONBLOCK

func (w *Writer) createTemp(h *dirHandle) (string, *os.File, error) {
	for i := 0; ; i++ {
		tmp := w.tempName()
		f, err := h.root.OpenFile(tmp, createFlags, 0o600)
		if err == nil || !errors.Is(err, fs.ErrExist) || i == 9 {
			return tmp, f, err
		}
	}
}

// finish sets the file's owner (when asked: chown first, as it clears setuid and setgid) and
// mode through its descriptor, its times through h's Root, and syncs it when asked.
func (w *Writer) finish(h *dirHandle, tmp string, f *os.File, m meta) error {
	if w.owner {
		if err := f.Chown(m.uid, m.gid); err != nil {
			return err
		}
	}
	if err := f.Chmod(w.safeMode(m)); err != nil {
		return err
	}
	if err := h.root.Chtimes(tmp, m.atime, m.mtime); err != nil {
		return err
	}
	if w.opts.Sync {
		return f.Sync()
	}
	return nil
}

// safeMode is m's mode without the setuid (setgid) bit when the file ends up owned by the
// user (group) root: a backup, maybe from another host, never hands root to a tenant.
func (w *Writer) safeMode(m meta) fs.FileMode {
	uid, gid := os.Geteuid(), os.Getegid()
	if w.owner {
		uid, gid = m.uid, m.gid
	}
	mode := m.mode
	if uid == 0 {
		mode &^= fs.ModeSetuid
	}
	if gid == 0 {
		mode &^= fs.ModeSetgid
	}
	return mode
}

// place renames tmp over base; a directory standing at base is removed first.
func place(h *dirHandle, tmp, base string) error {
	err := h.root.Rename(tmp, base)
	if errors.Is(err, syscall.EISDIR) || errors.Is(err, syscall.ENOTEMPTY) || errors.Is(err, syscall.EEXIST) {
		if err = h.root.RemoveAll(base); err == nil {
			err = h.root.Rename(tmp, base)
		}
	}
	if err != nil {
		h.root.Remove(tmp)
	}
	return err
}

const chunk = 256 << 10

var zeros = make([]byte, chunk)

// fill copies size bytes of body to f, leaving holes where whole chunks are zero (a sparse
// file stays sparse).
func fill(ctx context.Context, f *os.File, body io.Reader, size int64) error {
	buf := make([]byte, min(size, chunk))
	var n int64
	hole := false
	for n < size {
		if err := ctx.Err(); err != nil {
			return err
		}
		k, err := io.ReadFull(body, buf[:min(int64(len(buf)), size-n)])
		n += int64(k)
		if err != nil {
			return fmt.Errorf("content ends after %d of %d bytes: %w", n, size, err)
		}
		hole = k == chunk && bytes.Equal(buf[:k], zeros)
		if hole {
			_, err = f.Seek(int64(k), io.SeekCurrent)
		} else {
			_, err = f.Write(buf[:k])
		}
		if err != nil {
			return err
		}
	}
	if hole {
		return f.Truncate(size)
	}
	return nil
}
