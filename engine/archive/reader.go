package archive

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/klauspost/compress/zstd"

	"coffre/engine/manifest"
)

// Limits bound what a Reader accepts; a zero field takes its default.
type Limits struct {
	MaxEntries   int64  // tar entries; default 20 million
	MaxName      int    // bytes of a name or link target; default 64 KiB
	MaxEntrySize int64  // bytes of one entry; default 4 TiB
	MaxTotal     int64  // decompressed bytes in all; default 64 TiB
	MaxWindow    uint64 // zstd window; default 64 MiB (bounds the decoder's memory)
	// Checked says that CheckVolumes has just passed the volumes: the Reader then checks each
	// one's size at its end but not its SHA-256 again. A volume changed in the storage between
	// the two reads is caught only where zstd's frame checksums cover it (compressed frames, not
	// the raw ones that hold incompressible data).
	Checked bool
}

func (l Limits) withDefaults() Limits {
	def := func(v *int64, d int64) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&l.MaxEntries, 20_000_000)
	def(&l.MaxEntrySize, 4<<40)
	def(&l.MaxTotal, 64<<40)
	if l.MaxName <= 0 {
		l.MaxName = 64 << 10
	}
	if l.MaxWindow == 0 {
		l.MaxWindow = 64 << 20
	}
	return l
}

// Reader reads a backup's volumes as one tar stream: Next, then Read the entry's content. It
// is not safe for concurrent use; Close releases the decoder and the open volume.
type Reader struct {
	vs      *volumeStream
	zr      *zstd.Decoder
	total   countingReader
	tr      *tar.Reader
	lim     Limits
	entries int64
	err     error
}

// NewReader reads the volumes vols (in manifest order) from st, checking each one's size and
// (unless lim.Checked) SHA-256 at its end.
func NewReader(ctx context.Context, st Opener, vols []manifest.Object, lim Limits) (*Reader, error) {
	lim = lim.withDefaults()
	vs := &volumeStream{ctx: ctx, st: st, vols: vols, sizeOnly: lim.Checked}
	zr, err := zstd.NewReader(vs, zstd.WithDecoderMaxWindow(lim.MaxWindow),
		zstd.WithDecoderMaxMemory(1<<30), zstd.WithDecoderConcurrency(2))
	if err != nil {
		return nil, fmt.Errorf("archive reader: %w", err)
	}
	r := &Reader{vs: vs, zr: zr, lim: lim}
	r.total = countingReader{r: zr, max: lim.MaxTotal}
	r.tr = tar.NewReader(&r.total)
	return r, nil
}

// Next advances to the next entry; io.EOF at the end of the archive (every volume checked).
func (r *Reader) Next() (*tar.Header, error) {
	if r.err != nil {
		return nil, r.err
	}
	h, err := r.tr.Next()
	if err == io.EOF {
		err = r.drain()
	}
	if err == nil {
		err = r.check(h)
	}
	if err != nil {
		r.err = r.wrap(err)
		return nil, r.err
	}
	return h, nil
}

func (r *Reader) check(h *tar.Header) error {
	r.entries++
	switch {
	case r.entries > r.lim.MaxEntries:
		return fmt.Errorf("more than %d entries: %w", r.lim.MaxEntries, ErrLimit)
	case len(h.Name) > r.lim.MaxName || len(h.Linkname) > r.lim.MaxName:
		return fmt.Errorf("entry name over %d bytes: %w", r.lim.MaxName, ErrLimit)
	case h.Size < 0 || h.Size > r.lim.MaxEntrySize:
		return fmt.Errorf("entry %q: size %d: %w", h.Name, h.Size, ErrLimit)
	}
	return nil
}

// drain reads past the tar end (zero blocks) to the end of the last volume, so that every
// volume's hash is checked before io.EOF is returned.
func (r *Reader) drain() error {
	if _, err := io.Copy(io.Discard, &r.total); err != nil {
		return err
	}
	return io.EOF
}

// Read reads the current entry's content.
func (r *Reader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	n, err := r.tr.Read(p)
	if err != nil && err != io.EOF {
		r.err = r.wrap(err)
		return n, r.err
	}
	return n, err
}

// wrap marks a malformed stream as ErrCorrupt; a storage failure or a limit stays as it is.
func (r *Reader) wrap(err error) error {
	if err == io.EOF || errors.Is(err, ErrCorrupt) || errors.Is(err, ErrLimit) {
		return err
	}
	if vs := r.vs.failure(); vs != nil && errors.Is(err, vs) {
		return fmt.Errorf("archive: %w", err)
	}
	return fmt.Errorf("archive: %w: %w", ErrCorrupt, err)
}

// Close releases the reader.
func (r *Reader) Close() error {
	r.zr.Close()
	r.vs.Close()
	if r.err == nil {
		r.err = errors.New("archive reader closed")
	}
	return nil
}

type countingReader struct {
	r   io.Reader
	n   int64
	max int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n += int64(k)
	if c.n > c.max {
		return k, fmt.Errorf("more than %d bytes decompressed: %w", c.max, ErrLimit)
	}
	return k, err
}
