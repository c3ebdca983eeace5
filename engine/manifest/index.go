package manifest

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"

	"coffre/engine/index"
	"coffre/engine/storage"
)

// IndexReader reads a backup's index object, checked against the backup's manifest. It is not
// safe for concurrent use; the caller must Close it.
type IndexReader struct {
	name string // the backup
	obj  Object // its index, as the manifest describes it
	rc   io.ReadCloser
	src  *SumReader
	ir   *index.Reader
	err  error // sticky: the result of the last Next that failed or ended
}

// OpenIndex opens backup m's index in st and reads its header, which must name m. Errors about
// the object's content wrap index.ErrCorrupt; a storage error is wrapped as it is.
func OpenIndex(ctx context.Context, st storage.Storage, m Manifest) (*IndexReader, error) {
	if err := readable(st, m); err != nil {
		return nil, err
	}
	rc, err := st.Open(ctx, m.Index.Name)
	if err != nil {
		return nil, fmt.Errorf("open index of %s: %w", m.Name, err)
	}
	// Past the size the manifest says, one byte is enough to know the object is too long.
	src := NewSumReader(io.LimitReader(rc, m.Index.Size+1))
	ir, err := index.NewReader(src)
	if err != nil {
		rc.Close()
		return nil, fmt.Errorf("read index of %s: %w", m.Name, err)
	}
	r := &IndexReader{name: m.Name, obj: m.Index, rc: rc, src: src, ir: ir}
	if ir.Name() != m.Name {
		r.Close()
		return nil, fmt.Errorf("index of %s names %q: %w", m.Name, ir.Name(), index.ErrCorrupt)
	}
	return r, nil
}

// Next returns the next entry, in index order. It returns io.EOF only after the index's own
// checksum and the whole object's size and SHA-256 against the manifest were checked; any
// other error is final and wraps index.ErrCorrupt or the storage's error.
func (r *IndexReader) Next() (index.Entry, error) {
	if r.err != nil {
		return index.Entry{}, r.err
	}
	e, err := r.ir.Next()
	switch {
	case err == io.EOF:
		r.err = r.finish()
	case err != nil:
		r.err = fmt.Errorf("read index of %s: %w", r.name, err)
	}
	return e, r.err
}

// finish reads the object to its end and checks it against the manifest; io.EOF when it matches.
func (r *IndexReader) finish() error {
	if _, err := io.Copy(io.Discard, r.src); err != nil {
		return fmt.Errorf("read index of %s: %w", r.name, err)
	}
	if got := r.src.SHA256(); r.src.N != r.obj.Size || got != r.obj.SHA256 {
		return fmt.Errorf("index %s: %d bytes, SHA-256 %s; the manifest says %d, %s: %w",
			r.obj.Name, r.src.N, got, r.obj.Size, r.obj.SHA256, index.ErrCorrupt)
	}
	return io.EOF
}

// Holders are the backups named so far as holders, in order of first use: all of them once
// Next returned io.EOF.
func (r *IndexReader) Holders() []string { return r.ir.Holders() }

// Frames is the frame table of the backup's own archive once Next returned io.EOF (index format
// 3); nil before, or for an older index.
func (r *IndexReader) Frames() []index.Frame { return r.ir.Frames() }

// Close releases the decoder and the object.
func (r *IndexReader) Close() error {
	r.ir.Close()
	return r.rc.Close()
}

// SumReader counts (N) and hashes with SHA-256 what is read through it: an object's Size and
// SHA256 as a manifest records them.
type SumReader struct {
	r io.Reader
	h hash.Hash
	N int64
}

// NewSumReader reads r, counting and hashing.
func NewSumReader(r io.Reader) *SumReader { return &SumReader{r: r, h: sha256.New()} }

func (s *SumReader) Read(p []byte) (int, error) {
	k, err := s.r.Read(p)
	s.h.Write(p[:k])
	s.N += int64(k)
	return k, err
}

// SHA256 is the hex SHA-256 of what was read so far.
func (s *SumReader) SHA256() string { return hex.EncodeToString(s.h.Sum(nil)) }
