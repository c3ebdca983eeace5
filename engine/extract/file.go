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
	switch {
	case w.pool != nil && hdr.Size <= smallFile:
		j.data = w.pool.reserve(hdr.Size)
		if _, err := io.ReadFull(body, j.data); err != nil {
			w.dirs.release(h)
			return fmt.Errorf("read content: %w", err)
		}
		w.files.add(w.hash(rel))
		w.pool.submit(j)
		return nil
	case w.pool != nil:
		return w.stream(ctx, j, body)
	}
	defer w.dirs.release(h)
	if err := w.writeFile(h, base, j.m, func(f *os.File) error { return fill(ctx, f, body, hdr.Size) }); err != nil {
		return err
	}
	w.files.add(w.hash(rel))
	return nil
}

// stream has a worker write a large file while the caller reads its content, chunk by chunk:
// decompressing and writing overlap. Once sent, the job is the worker's (it releases j.h).
func (w *Writer) stream(ctx context.Context, j job, body io.Reader) error {
	j.chunks = make(chan []byte, streamChunks)
	w.pool.submit(j)
	w.pool.send() // the worker starts now
	err := w.feed(ctx, j, body)
	close(j.chunks) // short of j.m.size bytes: the worker removes the file
	if err != nil {
		return err
	}
	w.files.add(w.hash(j.rel))
	return nil
}

// feed reads j's content in chunks of reserved buffers, and sends them to j's worker.
func (w *Writer) feed(ctx context.Context, j job, body io.Reader) error {
	for n := int64(0); n < j.m.size; {
		if err := ctx.Err(); err != nil {
			return err
		}
		b := w.pool.reserve(min(j.m.size-n, chunk))
		k, err := io.ReadFull(body, b)
		n += int64(k)
		if err != nil {
			w.pool.release(b)
			return fmt.Errorf("content ends after %d of %d bytes: %w", n, j.m.size, err)
		}
		j.chunks <- b
	}
	return nil
}

// writeJob writes a file on a worker: a small one from its buffer, a large one from the chunks
// the caller sends.
func (w *Writer) writeJob(j job) error {
	if j.chunks == nil {
		return w.writeFile(j.h, j.base, j.m, func(f *os.File) error {
			_, err := f.Write(j.data)
			return err
		})
	}
	err := w.writeFile(j.h, j.base, j.m, func(f *os.File) error { return w.drink(f, j) })
	for b := range j.chunks { // after a failure: the caller is not kept waiting
		w.pool.release(b)
	}
	return err
}

// drink writes the chunks of j to f until the caller closes j.chunks; a file cut short (the
// caller failed to read its content) is an error.
func (w *Writer) drink(f *os.File, j job) error {
	s := sparse{f: f}
	for b := range j.chunks {
		err := s.write(b)
		w.pool.release(b)
		if err != nil {
			return err
		}
	}
	if s.n != j.m.size {
		return fmt.Errorf("content cut after %d of %d bytes", s.n, j.m.size)
	}
	return s.end()
}

// writeFile writes a file that no one sees before it is whole, sets its attributes and gives it
// the name base in h (replacing what was there): a reader, or a killed restore, finds the old
// file or the new one, never a part. The file is made without a name where the file system
// can (writeUnnamed), else under a fresh temporary name (O_CREATE|O_EXCL through h's Root)
// renamed over base; on failure the temporary name is removed.
func (w *Writer) writeFile(h *dirHandle, base string, m meta, content func(*os.File) error) error {
	f, err := w.createUnnamed(h)
	if f != nil || err != nil {
		return w.writeUnnamed(h, f, err, base, m, content)
	}
	tmp, f, err := w.createTemp(h)
	if err != nil {
		return err
	}
	err = content(f)
	if err == nil {
		err = w.finish(f, m)
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

// finish sets the file's owner (when asked: chown first, as it clears setuid and setgid), mode
// and times through its descriptor, and syncs it when asked.
func (w *Writer) finish(f *os.File, m meta) error {
	if w.owner {
		if err := f.Chown(m.uid, m.gid); err != nil {
			return err
		}
	}
	if err := f.Chmod(w.safeMode(m)); err != nil {
		return err
	}
	if err := setFileTimes(f, m); err != nil {
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
	uid, gid := w.uid, w.gid
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
	err := renameIn(h, tmp, base)
	if errors.Is(err, syscall.EISDIR) || errors.Is(err, syscall.ENOTEMPTY) || errors.Is(err, syscall.EEXIST) {
		if err = h.root.RemoveAll(base); err == nil {
			err = renameIn(h, tmp, base)
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
	s := sparse{f: f}
	for s.n < size {
		if err := ctx.Err(); err != nil {
			return err
		}
		k, err := io.ReadFull(body, buf[:min(int64(len(buf)), size-s.n)])
		if err != nil {
			return fmt.Errorf("content ends after %d of %d bytes: %w", s.n+int64(k), size, err)
		}
		if err := s.write(buf[:k]); err != nil {
			return err
		}
	}
	return s.end()
}

// sparse writes a file's content chunk by chunk, leaving a hole for each whole chunk of zeros.
type sparse struct {
	f    *os.File
	n    int64 // bytes given so far
	hole bool  // the last chunk was a hole
}

func (s *sparse) write(b []byte) error {
	s.n += int64(len(b))
	s.hole = len(b) == chunk && bytes.Equal(b, zeros)
	var err error
	if s.hole {
		_, err = s.f.Seek(int64(len(b)), io.SeekCurrent)
	} else {
		_, err = s.f.Write(b)
	}
	return err
}

// end gives the file its size when it ends with a hole.
func (s *sparse) end() error {
	if s.hole {
		return s.f.Truncate(s.n)
	}
	return nil
}
