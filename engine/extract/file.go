package extract

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
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
		w.files[w.hash(rel)] = struct{}{}
		w.pool.submit(j)
		return nil
	}
	defer w.dirs.release(h)
	if err := w.writeFile(h, base, j.m, func(f *rawFile) error { return fill(ctx, f, body, hdr.Size) }); err != nil {
		return err
	}
	w.files[w.hash(rel)] = struct{}{}
	return nil
}

// writeJob writes a small file on a worker.
func (w *Writer) writeJob(j job) error {
	return w.writeFile(j.h, j.base, j.m, func(f *rawFile) error { return f.writeAll(j.data) })
}

// writeFile writes a file that no one sees before it is whole, sets its attributes and gives it
// the name base in h (replacing what was there): a reader, or a killed restore, finds the old
// file or the new one, never a part. The file is made without a name (O_TMPFILE) and linked
// in, or, where the file system cannot, written under a temporary name and renamed.
func (w *Writer) writeFile(h *dirHandle, base string, m meta, content func(*rawFile) error) error {
	if !w.named.Load() {
		f, err := openUnnamed(h)
		if err == nil {
			return w.writeUnnamed(f, h, base, m, content)
		}
		if !noTmpfile(err) {
			return err
		}
		w.named.Store(true)
	}
	return w.writeNamed(h, base, m, content)
}

func (w *Writer) writeUnnamed(f *rawFile, h *dirHandle, base string, m meta, content func(*rawFile) error) error {
	err := content(f)
	if err == nil {
		err = f.finish(m, w.owner, w.opts.Sync)
	}
	if err == nil {
		err = w.publish(f, h, base)
	}
	if cerr := f.close(); err == nil {
		err = cerr
	}
	return err
}

func (w *Writer) writeNamed(h *dirHandle, base string, m meta, content func(*rawFile) error) error {
	tmp, f, err := w.createTemp(h)
	if err != nil {
		return err
	}
	err = content(f)
	if err == nil {
		err = f.finish(m, w.owner, w.opts.Sync)
	}
	if cerr := f.close(); err == nil {
		err = cerr
	}
	if err != nil {
		h.root.Remove(tmp)
		return err
	}
	return place(h, tmp, base)
}

func (w *Writer) createTemp(h *dirHandle) (string, *rawFile, error) {
	for i := 0; ; i++ {
		tmp := w.tempName()
		f, err := openNamed(h, tmp)
		if err == nil || !errors.Is(err, fs.ErrExist) || i == 9 {
			return tmp, f, err
		}
	}
}

// publish gives the unnamed file f the name base in h: directly when base is free, else under
// a temporary name that is then renamed over base.
func (w *Writer) publish(f *rawFile, h *dirHandle, base string) error {
	err := f.link(h, base)
	if !errors.Is(err, fs.ErrExist) {
		return err
	}
	tmp, err := w.tempLink(func(tmp string) error { return f.link(h, tmp) })
	if err != nil {
		return err
	}
	return place(h, tmp, base)
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
func fill(ctx context.Context, f *rawFile, body io.Reader, size int64) error {
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
			err = f.skip(int64(k))
		} else {
			err = f.writeAll(buf[:k])
		}
		if err != nil {
			return err
		}
	}
	if hole {
		return f.truncate(size)
	}
	return nil
}
