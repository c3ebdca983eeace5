package index

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"hash"
	"io"

	"github.com/klauspost/compress/zstd"
)

const (
	magic = "COFFIDX\x00"
	// version is the format written. 1: no Ref entries; 2: no offsets, no frame table; 3: no
	// ctime, no inode; 4: a SHA-256 of the records ends the stream (format 5 leaves it out: the
	// zstd frame's checksum catches damage, and the manifest's signed SHA-256 of the compressed
	// index what the checksum could not, for a lot less work per record).
	version    = 5
	tagRecord  = 1
	tagEnd     = 0
	tagFrames  = 2       // format 3: the frame table of the backup's own archive, once, before the end
	maxFrames  = 1 << 21 // 4 TiB of archive in 2 MiB chunks
	flushAt    = 64 << 10
	maxPath    = 64 << 10
	maxLink    = 64 << 10
	maxName    = 255
	maxHolders = 100000
)

// Writer streams an index. Entries must be added in strictly increasing Compare order. It is
// not safe for concurrent use; Close must be called to finish the stream.
type Writer struct {
	out     io.Writer     // zw, or the destination itself for a temporary index
	zw      *zstd.Encoder // nil for a temporary index
	h       hash.Hash     // format 4 and older: the records' checksum
	buf     []byte
	prev    string
	started bool
	count   uint64
	holders map[string]uint64
	base    deltaBase // format 5: the times and inode the next record's are written against
	// lastHolder is the holder of the previous record, numbered lastNum.
	lastHolder string
	lastNum    uint64
	version    uint64
	frames     []Frame
	err        error
}

// NewWriter starts the index of the backup name, written to w (which the caller closes).
func NewWriter(w io.Writer, name string) (*Writer, error) {
	return newWriter(w, name, version)
}

// newWriter writes an index of format v (tests write the older formats with it).
func newWriter(w io.Writer, name string, v uint64) (*Writer, error) {
	if len(name) > maxName {
		return nil, fmt.Errorf("index: backup name too long")
	}
	zw, err := zstd.NewWriter(w, zstd.WithEncoderLevel(zstd.SpeedFastest),
		zstd.WithEncoderConcurrency(1), zstd.WithWindowSize(1<<20))
	if err != nil {
		return nil, fmt.Errorf("index: %w", err)
	}
	iw := &Writer{out: zw, zw: zw, version: v}
	if v < 5 {
		iw.h = sha256.New()
	}
	return start(iw, name), nil
}

// start writes the header of the index of the backup name.
func start(w *Writer, name string) *Writer {
	w.holders = map[string]uint64{}
	w.buf = append(w.buf, magic...)
	w.buf = binary.AppendUvarint(w.buf, w.version)
	w.buf = appendString(w.buf, name)
	return w
}

// Add appends e. It fails if e is not after the previous entry or is malformed.
func (w *Writer) Add(e *Entry) error {
	if w.err != nil {
		return w.err
	}
	if err := w.check(e); err != nil {
		w.err = err
		return err
	}
	shared := commonPrefix(w.prev, e.Path)
	b := append(w.buf, tagRecord)
	b = binary.AppendUvarint(b, uint64(shared))
	b = appendString(b, e.Path[shared:])
	b = append(b, byte(e.Type))
	b = binary.AppendUvarint(b, uint64(e.Mode))
	b = binary.AppendUvarint(b, uint64(e.UID))
	b = binary.AppendUvarint(b, uint64(e.GID))
	b = binary.AppendUvarint(b, uint64(e.Size))
	b = binary.AppendVarint(b, e.MTime-w.base.MTime)
	b = appendString(b, e.Link)
	b = w.appendHolder(b, e.Holder)
	if w.version >= 3 {
		b = binary.AppendUvarint(b, uint64(e.Offset))
	}
	if w.version >= 4 {
		b = binary.AppendVarint(b, e.CTime-w.base.CTime)
		if w.version >= 5 {
			b = binary.AppendVarint(b, int64(e.Ino-w.base.Ino))
		} else {
			b = binary.AppendUvarint(b, e.Ino)
		}
	}
	if w.version >= 5 {
		w.base = deltaBase{e.MTime, e.CTime, e.Ino}
	}
	w.buf, w.prev, w.started = b, e.Path, true
	w.count++
	if len(w.buf) >= flushAt {
		return w.flush()
	}
	return nil
}

func (w *Writer) check(e *Entry) error {
	switch {
	case e.Path == "" || len(e.Path) > maxPath || len(e.Link) > maxLink || len(e.Holder) > maxName:
		return fmt.Errorf("index: add %q: bad length", e.Path)
	case !validType(e.Type, w.version) || e.Mode > 07777 || e.Size < 0 || e.Offset < 0:
		return fmt.Errorf("index: add %q: bad type, mode or size", e.Path)
	case w.started && Compare(w.prev, e.Path) >= 0:
		return fmt.Errorf("index: add %q: not after %q", e.Path, w.prev)
	case len(w.holders) >= maxHolders && !w.known(e.Holder):
		return fmt.Errorf("index: add %q: too many holders", e.Path)
	}
	return nil
}

func (w *Writer) known(h string) bool { _, ok := w.holders[h]; return ok }

// appendHolder writes the holder's number; a new holder is numbered next and its name follows.
func (w *Writer) appendHolder(b []byte, h string) []byte {
	if w.count > 0 && h == w.lastHolder { // most records have the holder of the one before
		return binary.AppendUvarint(b, w.lastNum)
	}
	i, ok := w.holders[h]
	w.lastHolder, w.lastNum = h, i
	if ok {
		return binary.AppendUvarint(b, i)
	}
	i = uint64(len(w.holders))
	w.holders[h] = i
	w.lastNum = i
	return appendString(binary.AppendUvarint(b, i), h)
}

func (w *Writer) flush() error {
	w.hash(w.buf)
	if _, err := w.out.Write(w.buf); err != nil {
		w.err = fmt.Errorf("index: write: %w", err)
		return w.err
	}
	w.buf = w.buf[:0]
	return nil
}

// SetFrames records the frame table of the backup's own archive (format 3), written at Close.
// Raw and Comp must grow; the last Frame gives the archive's two sizes.
func (w *Writer) SetFrames(fs []Frame) error {
	for i := range fs {
		if fs[i].Raw < 0 || fs[i].Comp < 0 || i > 0 && (fs[i].Raw < fs[i-1].Raw || fs[i].Comp < fs[i-1].Comp) {
			return fmt.Errorf("index: frame table out of order at %d", i)
		}
	}
	if w.version < 3 || len(fs) > maxFrames {
		return fmt.Errorf("index: frame table not supported or too long")
	}
	w.frames = fs
	return nil
}

func (w *Writer) appendFrames(b []byte) []byte {
	b = append(b, tagFrames)
	b = binary.AppendUvarint(b, uint64(len(w.frames)))
	var raw, comp int64
	for _, f := range w.frames {
		b = binary.AppendUvarint(b, uint64(f.Raw-raw))
		b = binary.AppendUvarint(b, uint64(f.Comp-comp))
		b = append(b, f.Sum[:]...)
		raw, comp = f.Raw, f.Comp
	}
	return b
}

// Close writes the end record (and the checksum, in format 4 and older), and flushes the
// compressed stream.
func (w *Writer) Close() error {
	if w.err != nil {
		w.closeZ()
		return w.err
	}
	if w.frames != nil {
		w.buf = w.appendFrames(w.buf)
	}
	w.buf = append(w.buf, tagEnd)
	w.buf = binary.AppendUvarint(w.buf, w.count)
	w.hash(w.buf)
	if w.version < 5 {
		w.buf = w.h.Sum(w.buf)
	}
	if _, err := w.out.Write(w.buf); err != nil {
		return fmt.Errorf("index: write: %w", err)
	}
	if err := w.closeZ(); err != nil {
		return fmt.Errorf("index: close: %w", err)
	}
	w.err = fmt.Errorf("index: writer closed")
	return nil
}

func (w *Writer) hash(b []byte) {
	if w.h != nil {
		w.h.Write(b)
	}
}

func (w *Writer) closeZ() error {
	if w.zw == nil {
		return nil
	}
	return w.zw.Close()
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	i := 0
	for i < n && a[i] == b[i] {
		i++
	}
	return i
}
