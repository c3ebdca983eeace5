package storage

import (
	"fmt"
	"io"
	"os"
)

// stage is a Rewinder over a stream that cannot go back: every byte read passes through a
// file of at most size bytes on local disk (a ring holding the last size bytes), from which a
// Rewind replays. The file is unlinked at once, so nothing is left behind even by a crash.
type stage struct {
	src      io.Reader
	dir      string
	size     int64
	f        *os.File
	read     int64 // bytes taken from src
	pos      int64 // the next byte Read returns
	srcErr   error // src's final error (io.EOF at the end), returned once replay catches up
	fileErr  error
	notePeak func(int64)
}

func newStage(src io.Reader, dir string, size int64, notePeak func(int64)) *stage {
	return &stage{src: src, dir: dir, size: size, notePeak: notePeak}
}

func (s *stage) Read(p []byte) (int, error) {
	if s.fileErr != nil {
		return 0, s.fileErr
	}
	if s.pos < s.read {
		return s.replay(p)
	}
	if s.srcErr != nil {
		return 0, s.srcErr
	}
	n, err := s.src.Read(p)
	if n > 0 {
		if werr := s.keep(p[:n]); werr != nil {
			s.fileErr = fmt.Errorf("stage the upload: %w", werr)
			return 0, s.fileErr
		}
	}
	if err != nil {
		s.srcErr = err
	}
	return n, err
}

// keep writes p into the ring at the stream's end.
func (s *stage) keep(p []byte) error {
	if s.f == nil {
		f, err := os.CreateTemp(s.dir, "coffre-stage-*")
		if err != nil {
			return err
		}
		os.Remove(f.Name())
		s.f = f
	}
	for len(p) > 0 {
		off := s.read % s.size
		k := min(int64(len(p)), s.size-off)
		if _, err := s.f.WriteAt(p[:k], off); err != nil {
			return err
		}
		p, s.read, s.pos = p[k:], s.read+k, s.pos+k
	}
	s.notePeak(min(s.read, s.size))
	return nil
}

// replay reads back from the ring, up to the stream's end.
func (s *stage) replay(p []byte) (int, error) {
	off := s.pos % s.size
	k := min(int64(len(p)), s.read-s.pos, s.size-off)
	n, err := s.f.ReadAt(p[:k], off)
	s.pos += int64(n)
	if err != nil && int64(n) < k {
		s.fileErr = fmt.Errorf("read the stage back: %w", err)
		return n, s.fileErr
	}
	return n, nil
}

// Rewind implements Rewinder: off must be within the last size bytes read.
func (s *stage) Rewind(off int64) error {
	if off < 0 || off > s.read || off < s.read-s.size {
		return fmt.Errorf("offset %d, holding %d to %d: %w", off, max(0, s.read-s.size), s.read, ErrRewind)
	}
	s.pos = off
	return nil
}

func (s *stage) close() {
	if s.f != nil {
		s.f.Close()
	}
}
