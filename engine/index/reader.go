package index

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/klauspost/compress/zstd"
)

// MaxEntries bounds the records a Reader accepts (a decompression bomb stops here).
const MaxEntries = 50_000_000

// Reader iterates over an index, oldest path first. It is not safe for concurrent use.
type Reader struct {
	zr      *zstd.Decoder // nil for a temporary index
	in      input
	name    string
	prev    string
	holders []string
	version uint64
	base    deltaBase // format 5: the previous record's times and inode
	count   uint64
	frames  []Frame
	framed  bool
	done    bool
}

// NewReader reads the header of the index in r. The caller must Close the Reader.
func NewReader(r io.Reader) (*Reader, error) {
	zr, err := zstd.NewReader(r, zstd.WithDecoderConcurrency(1),
		zstd.WithDecoderMaxWindow(8<<20), zstd.WithDecoderMaxMemory(1<<40))
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	ir := &Reader{zr: zr}
	ir.in.init(zr, sha256.New())
	if err := ir.header(); err != nil {
		zr.Close()
		return nil, err
	}
	return ir, nil
}

func (r *Reader) header() error {
	m, err := r.in.bytes(len(magic))
	if err != nil || string(m) != magic {
		return corrupt("header", err)
	}
	v, err := r.in.uvarint()
	if err != nil || v < 1 || v > version {
		return corrupt(fmt.Sprintf("version %d", v), err)
	}
	r.version = v
	if v >= 5 {
		r.in.h = nil // no checksum to check
	}
	if r.name, err = r.in.str(maxName); err != nil {
		return corrupt("header", err)
	}
	return nil
}

// Name is the backup the index belongs to.
func (r *Reader) Name() string { return r.name }

// Holders are the backups named so far as holders, in order of first use.
func (r *Reader) Holders() []string { return r.holders }

// Close releases the decoder.
func (r *Reader) Close() error {
	if r.zr != nil {
		r.zr.Close()
	}
	return nil
}

// Next returns the next entry, or io.EOF once the end record and the checksum were checked.
// Any other error wraps ErrCorrupt (or is the underlying read error).
func (r *Reader) Next() (Entry, error) {
	if r.done {
		return Entry{}, io.EOF
	}
	tag, err := r.in.byte()
	if err != nil {
		return Entry{}, corrupt("record", err)
	}
	switch tag {
	case tagRecord:
		return r.record()
	case tagEnd:
		return Entry{}, r.end()
	case tagFrames:
		if r.version < 3 || r.framed {
			break
		}
		return Entry{}, r.readFrames() // the end follows: io.EOF once checked
	}
	return Entry{}, corrupt(fmt.Sprintf("tag %d", tag), nil)
}

func (r *Reader) record() (Entry, error) {
	if r.count >= MaxEntries {
		return Entry{}, corrupt("too many entries", nil)
	}
	var e Entry
	if err := r.path(&e); err != nil {
		return e, err
	}
	if err := r.meta(&e); err != nil {
		return e, err
	}
	r.prev = e.Path
	r.count++
	return e, nil
}

func (r *Reader) path(e *Entry) error {
	shared, err := r.in.uvarint()
	if err != nil || shared > uint64(len(r.prev)) {
		return corrupt("path prefix", err)
	}
	suffix, err := r.in.view(maxPath - int(shared))
	if err != nil {
		return corrupt("path", err)
	}
	e.Path = r.prev[:shared] + string(suffix)
	if e.Path == "" || (r.count > 0 && Compare(r.prev, e.Path) >= 0) {
		return corrupt(fmt.Sprintf("path %q out of order", e.Path), nil)
	}
	return nil
}

func (r *Reader) meta(e *Entry) error {
	t, err := r.in.byte()
	e.Type = Type(t)
	if err != nil || !validType(e.Type, r.version) {
		return corrupt(fmt.Sprintf("type of %q", e.Path), err)
	}
	var n [4]uint64
	for i := range n {
		if n[i], err = r.in.uvarint(); err != nil {
			return corrupt("metadata of "+e.Path, err)
		}
	}
	if n[0] > 07777 || n[1] > math.MaxUint32 || n[2] > math.MaxUint32 || n[3] > math.MaxInt64 {
		return corrupt("metadata of "+e.Path, nil)
	}
	e.Mode, e.UID, e.GID, e.Size = uint32(n[0]), uint32(n[1]), uint32(n[2]), int64(n[3])
	if e.MTime, err = r.in.varint(); err != nil {
		return corrupt("mtime of "+e.Path, err)
	}
	e.MTime += r.base.MTime
	if e.Link, err = r.in.str(maxLink); err != nil {
		return corrupt("link of "+e.Path, err)
	}
	if e.Holder, err = r.holder(); err != nil || r.version < 3 {
		return err
	}
	off, err := r.in.uvarint()
	if err != nil || off > math.MaxInt64 {
		return corrupt("offset of "+e.Path, err)
	}
	e.Offset = int64(off)
	if r.version < 4 {
		return nil
	}
	if e.CTime, err = r.in.varint(); err != nil {
		return corrupt("ctime of "+e.Path, err)
	}
	if r.version < 5 {
		if e.Ino, err = r.in.uvarint(); err != nil {
			return corrupt("inode of "+e.Path, err)
		}
		return nil
	}
	d, err := r.in.varint()
	if err != nil {
		return corrupt("inode of "+e.Path, err)
	}
	e.CTime += r.base.CTime
	e.Ino = r.base.Ino + uint64(d)
	r.base = deltaBase{e.MTime, e.CTime, e.Ino}
	return nil
}

// readFrames reads the frame table, after which only the end record may come.
func (r *Reader) readFrames() error {
	n, err := r.in.uvarint()
	if err != nil || n > maxFrames {
		return corrupt("frame table", err)
	}
	r.framed = true
	var raw, comp uint64
	for i := uint64(0); i < n; i++ {
		dr, err1 := r.in.uvarint()
		dc, err2 := r.in.uvarint()
		if err := errors.Join(err1, err2); err != nil || dr > math.MaxInt64-raw || dc > math.MaxInt64-comp {
			return corrupt("frame table", err)
		}
		raw, comp = raw+dr, comp+dc
		sum, err := r.in.bytes(32)
		if err != nil {
			return corrupt("frame table", err)
		}
		f := Frame{Raw: int64(raw), Comp: int64(comp)}
		copy(f.Sum[:], sum)
		r.frames = append(r.frames, f)
	}
	if next, err := r.in.byte(); err != nil || next != tagEnd {
		return corrupt("after the frame table", err)
	}
	return r.end()
}

// Frames is the frame table of the backup's own archive, once Next returned io.EOF; nil for an
// index without one (formats 1 and 2).
func (r *Reader) Frames() []Frame { return r.frames }

func (r *Reader) holder() (string, error) {
	i, err := r.in.uvarint()
	if err != nil || i > uint64(len(r.holders)) {
		return "", corrupt("holder", err)
	}
	if i < uint64(len(r.holders)) {
		return r.holders[i], nil
	}
	if len(r.holders) >= maxHolders {
		return "", corrupt("too many holders", nil)
	}
	h, err := r.in.str(maxName)
	if err != nil {
		return "", corrupt("holder", err)
	}
	r.holders = append(r.holders, h)
	return h, nil
}

func (r *Reader) end() error {
	n, err := r.in.uvarint()
	if err != nil || n != r.count {
		return corrupt("entry count", err)
	}
	if r.version < 5 {
		want := r.in.sum()
		got, err := r.in.bytes(len(want))
		if err != nil || !bytes.Equal(got, want) {
			return corrupt("checksum", err)
		}
	}
	if _, err := r.in.byte(); err != io.EOF {
		return corrupt("data after the end", nil)
	}
	r.done = true
	return io.EOF
}

// ReadAll reads a whole index.
func ReadAll(r io.Reader) (name string, entries []Entry, err error) {
	ir, err := NewReader(r)
	if err != nil {
		return "", nil, err
	}
	defer ir.Close()
	for {
		e, err := ir.Next()
		if err == io.EOF {
			return ir.Name(), entries, nil
		}
		if err != nil {
			return "", nil, err
		}
		entries = append(entries, e)
	}
}

func corrupt(what string, err error) error {
	switch {
	case err == nil:
		return fmt.Errorf("index: %s: %w", what, ErrCorrupt)
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, ErrCorrupt):
		return fmt.Errorf("index: %s: truncated: %w", what, ErrCorrupt)
	}
	return fmt.Errorf("index: %s: %w: %w", what, ErrCorrupt, err)
}
