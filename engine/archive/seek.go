package archive

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io"
	"sort"

	"github.com/klauspost/compress/zstd"

	"coffre/engine/manifest"
	"coffre/engine/storage"
)

// FrameReader reads chosen entries of an archive by their offset in the uncompressed stream,
// reading and decompressing only the frames that hold them (the frame table of the archive's
// index). Each frame's compressed bytes are checked against the SHA-256 the table gives before
// they are decompressed, so the volumes need no whole-volume check; a frame of a sealed archive
// (a zero Sum) is checked by the storage instead, which must be an Authenticator that
// authenticates its volume. Not safe for concurrent use.
type FrameReader struct {
	ctx    context.Context
	st     Opener
	vols   []manifest.Object
	starts []int64 // where each volume starts in the concatenated volumes
	frames []Frame
	lim    Limits
	dec    *zstd.Decoder
	cur    int    // the frame in buf; -1 for none
	buf    []byte // its uncompressed bytes
	comp   []byte
	pos    int64 // the stream position of the next byte Read returns
	read   int64 // compressed bytes read from the storage
	sealed bool  // the storage authenticates every volume (frames may come without a SHA-256)
}

// Authenticator is a storage that authenticates what it reads back of some objects: an
// encrypted store, whose AEAD refuses any byte that its key did not write.
type Authenticator interface {
	Authenticates(name string) bool
}

// authenticated reports whether st authenticates every one of vols.
func authenticated(st Opener, vols []manifest.Object) bool {
	a, ok := st.(Authenticator)
	for _, v := range vols {
		ok = ok && a.Authenticates(v.Name)
	}
	return ok && len(vols) > 0
}

// NewFrameReader checks the frame table against the volumes (the last Frame must end where
// the last volume does) and prepares to read.
func NewFrameReader(ctx context.Context, st Opener, vols []manifest.Object, frames []Frame, lim Limits) (*FrameReader, error) {
	lim = lim.withDefaults()
	r := &FrameReader{ctx: ctx, st: st, vols: vols, frames: frames, lim: lim, cur: -1,
		sealed: authenticated(st, vols)}
	var total int64
	for _, v := range vols {
		r.starts = append(r.starts, total)
		total += v.Size
	}
	if len(frames) < 2 || frames[0].Raw != 0 || frames[0].Comp != 0 || frames[len(frames)-1].Comp != total {
		return nil, fmt.Errorf("archive: frame table does not match the volumes: %w", ErrCorrupt)
	}
	for i := 1; i < len(frames); i++ {
		if frames[i].Raw <= frames[i-1].Raw || frames[i].Comp <= frames[i-1].Comp ||
			frames[i].Raw-frames[i-1].Raw > 64<<20 || frames[i].Comp-frames[i-1].Comp > 64<<20 {
			return nil, fmt.Errorf("archive: frame %d out of bounds: %w", i, ErrCorrupt)
		}
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderMaxWindow(lim.MaxWindow), zstd.WithDecoderConcurrency(1),
		zstd.WithDecoderMaxMemory(64<<20))
	if err != nil {
		return nil, fmt.Errorf("archive frame reader: %w", err)
	}
	r.dec = dec
	return r, nil
}

// BytesRead is the compressed bytes read from the storage so far.
func (r *FrameReader) BytesRead() int64 { return r.read }

// Close releases the decoder.
func (r *FrameReader) Close() error { r.dec.Close(); return nil }

// Entry returns the header of the tar entry that starts at off and a reader of its content.
// Entries are best asked for in increasing offset: a frame is then read once.
func (r *FrameReader) Entry(off int64) (*tar.Header, io.Reader, error) {
	if off < 0 || off%512 != 0 || off >= r.frames[len(r.frames)-1].Raw { // tar entries start on a block
		return nil, nil, fmt.Errorf("archive: offset %d outside the archive: %w", off, ErrCorrupt)
	}
	r.pos = off
	tr := tar.NewReader(r)
	h, err := tr.Next()
	if err != nil {
		return nil, nil, fmt.Errorf("archive: entry at %d: %w: %w", off, ErrCorrupt, err)
	}
	if len(h.Name) > r.lim.MaxName || len(h.Linkname) > r.lim.MaxName || h.Size < 0 || h.Size > r.lim.MaxEntrySize {
		return nil, nil, fmt.Errorf("archive: entry at %d: %w", off, ErrLimit)
	}
	return h, tr, nil
}

// Read reads the uncompressed stream from r.pos, loading frames as it goes.
func (r *FrameReader) Read(p []byte) (int, error) {
	i := sort.Search(len(r.frames)-1, func(i int) bool { return r.frames[i+1].Raw > r.pos })
	if i >= len(r.frames)-1 {
		return 0, io.EOF
	}
	if i != r.cur {
		if err := r.load(i); err != nil {
			return 0, err
		}
	}
	n := copy(p, r.buf[r.pos-r.frames[i].Raw:])
	r.pos += int64(n)
	return n, nil
}

// load reads frame i's compressed bytes, checks them and decompresses them.
func (r *FrameReader) load(i int) error {
	f, next := r.frames[i], r.frames[i+1]
	r.cur = -1
	r.comp = r.comp[:0]
	if err := r.fetch(f.Comp, next.Comp-f.Comp); err != nil {
		return err
	}
	if (f.Sum != [32]byte{} || !r.sealed) && sha256.Sum256(r.comp) != f.Sum {
		return fmt.Errorf("archive: frame at %d: SHA-256 differs from the index's: %w", f.Comp, ErrCorrupt)
	}
	out, err := r.dec.DecodeAll(r.comp, r.buf[:0])
	if err != nil || int64(len(out)) != next.Raw-f.Raw {
		return fmt.Errorf("archive: frame at %d: %w (%v)", f.Comp, ErrCorrupt, err)
	}
	r.buf, r.cur = out, i
	return nil
}

// fetch appends n bytes from offset off of the concatenated volumes to r.comp.
func (r *FrameReader) fetch(off, n int64) error {
	for n > 0 {
		v := sort.Search(len(r.starts), func(j int) bool { return r.starts[j] > off }) - 1
		in := off - r.starts[v]
		k := min(n, r.vols[v].Size-in)
		if err := r.fetchVolume(r.vols[v].Name, in, k); err != nil {
			return err
		}
		off, n = off+k, n-k
	}
	return nil
}

func (r *FrameReader) fetchVolume(name string, off, n int64) error {
	var rc io.ReadCloser
	var err error
	if ro, ok := r.st.(storage.RangeOpener); ok { // a file seeked, FTP's REST
		rc, err = ro.OpenAt(r.ctx, name, off)
	} else if rc, err = r.st.Open(r.ctx, name); err == nil {
		var skipped int64
		skipped, err = io.CopyN(io.Discard, rc, off)
		r.read += skipped
	}
	if err != nil {
		if rc != nil {
			rc.Close()
		}
		return fmt.Errorf("read volume %s: %w", name, err)
	}
	defer rc.Close()
	var b bytes.Buffer
	b.Grow(int(n))
	got, err := io.Copy(&b, io.LimitReader(rc, n))
	r.read += got
	if err != nil {
		return fmt.Errorf("read volume %s: %w", name, err)
	}
	if got != n {
		return fmt.Errorf("volume %s: shorter than the frame table says: %w", name, ErrCorrupt)
	}
	r.comp = append(r.comp, b.Bytes()...)
	return nil
}
