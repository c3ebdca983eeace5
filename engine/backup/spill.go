package backup

import (
	"fmt"
	"io"
	"os"

	"coffre/engine/index"
)

// spill is an index kept in a private temporary file while the backup runs: the plan (every
// path with the backup that holds it) and the index being written. The file is removed as
// soon as it is created (mode 0600): nothing is left behind, whatever happens to the process.
// A temporary spill (the reads list, a full backup's plan) is not compressed: it is written
// once and read back from the page cache, never stored. An incremental's plan is written as
// an index is stored, since it becomes the index when nothing changed.
type spill struct {
	f    *os.File
	w    *index.Writer
	size int64
	temp bool
}

// newSpill starts the index of the backup name in a temporary file: a temporary index
// (index.NewTempWriter) if temp, else the index as it is stored.
func newSpill(name string, temp bool) (*spill, error) {
	f, err := os.CreateTemp("", "coffre-index-*")
	if err != nil {
		return nil, fmt.Errorf("backup: temporary index: %w", err)
	}
	os.Remove(f.Name())
	newWriter := index.NewWriter
	if temp {
		newWriter = index.NewTempWriter
	}
	w, err := newWriter(f, name)
	if err != nil {
		f.Close()
		return nil, err
	}
	return &spill{f: f, w: w, temp: temp}, nil
}

// finish closes the index; it can then be read, as many times as needed.
func (s *spill) finish() error {
	if err := s.w.Close(); err != nil {
		return fmt.Errorf("backup: temporary index: %w", err)
	}
	size, err := s.f.Seek(0, io.SeekEnd)
	s.size = size
	return err
}

func (s *spill) reader() io.Reader { return io.NewSectionReader(s.f, 0, s.size) }

// open reads the finished index from its start.
func (s *spill) open() (*peeker, error) {
	newReader := index.NewReader
	if s.temp {
		newReader = index.NewTempReader
	}
	r, err := newReader(s.reader())
	if err != nil {
		return nil, fmt.Errorf("backup: temporary index: %w", err)
	}
	return &peeker{r: r}, nil
}

func (s *spill) close() {
	if s != nil {
		s.w.Close()
		s.f.Close()
	}
}

// peeker reads an index with one entry of look-ahead.
type peeker struct {
	r    *index.Reader
	next *index.Entry
	err  error // io.EOF at the end
}

// peek returns the next entry without taking it; nil at the end or on an error (p.err).
func (p *peeker) peek() *index.Entry {
	if p.next == nil && p.err == nil {
		e, err := p.r.Next()
		if err != nil {
			p.err = err
			return nil
		}
		p.next = &e
	}
	return p.next
}

func (p *peeker) pop() { p.next = nil }

// under returns the next entry if it is prefix or below it.
func (p *peeker) under(prefix string) *index.Entry {
	e := p.peek()
	if e == nil || !isUnder(e.Path, prefix) {
		return nil
	}
	return e
}

func (p *peeker) close() { p.r.Close() }

// isUnder reports whether the index path p is prefix or below it.
func isUnder(p, prefix string) bool {
	return p == prefix || len(p) > len(prefix) && p[len(prefix)] == '/' && p[:len(prefix)] == prefix
}
