package archive

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash"
	"io"

	"coffre/engine/manifest"
)

// Putter stores an object from a reader; every storage.Storage is one.
type Putter interface {
	Put(ctx context.Context, name string, r io.Reader) (int64, error)
}

// sink cuts the compressed stream into volumes and streams each into the storage through a
// pipe while hashing it: at most one volume is in flight, none is held in memory.
type sink struct {
	ctx     context.Context
	st      Putter
	name    string
	split   int64 // volume size; 0 for one volume
	vols    []manifest.Object
	started []string // every volume name a Put was started for
	pw      *pipe
	done    chan putResult
	h       hash.Hash
	n       int64
}

type putResult struct {
	n   int64
	err error
}

func (s *sink) Write(p []byte) (int, error) {
	written := 0
	for len(p) > 0 {
		if s.pw == nil {
			s.start()
		}
		k := len(p)
		if s.split > 0 && int64(k) > s.split-s.n {
			k = int(s.split - s.n)
		}
		if err := s.write(p[:k]); err != nil {
			return written, err
		}
		written += k
		p = p[k:]
		if s.split > 0 && s.n == s.split {
			if err := s.finish(); err != nil {
				return written, err
			}
		}
	}
	return written, nil
}

func (s *sink) write(p []byte) error {
	s.h.Write(p)
	s.n += int64(len(p))
	if _, err := s.pw.Write(p); err != nil {
		r := <-s.done
		s.pw = nil
		if r.err != nil {
			err = r.err
		}
		return fmt.Errorf("put volume %s: %w", s.started[len(s.started)-1], err)
	}
	return nil
}

func (s *sink) start() {
	name := manifest.VolumeName(s.name, s.split > 0, len(s.vols))
	pw := newPipe()
	s.pw, s.done, s.h, s.n = pw, make(chan putResult, 1), sha256.New(), 0
	s.started = append(s.started, name)
	go func() {
		n, err := s.st.Put(s.ctx, name, pw)
		pw.CloseRead(fmt.Errorf("storage stopped reading"))
		s.done <- putResult{n, err}
	}()
}

// finish ends the current volume and waits until the storage has it.
func (s *sink) finish() error {
	name := s.started[len(s.started)-1]
	s.pw.CloseWrite(nil)
	r := <-s.done
	s.pw = nil
	if r.err == nil && r.n != s.n {
		r.err = fmt.Errorf("stored %d bytes of %d", r.n, s.n)
	}
	if r.err != nil {
		return fmt.Errorf("put volume %s: %w", name, r.err)
	}
	s.vols = append(s.vols, manifest.Object{Name: name, Size: s.n, SHA256: hex.EncodeToString(s.h.Sum(nil))})
	return nil
}

// close ends the last volume (an empty stream still makes one volume).
func (s *sink) close() error {
	if s.pw == nil && len(s.vols) == 0 {
		s.start()
	}
	if s.pw == nil {
		return nil
	}
	return s.finish()
}

// abort fails the volume in flight, so that the storage keeps nothing of it.
func (s *sink) abort(err error) {
	if s.pw != nil {
		s.pw.CloseWrite(err)
		<-s.done
		s.pw = nil
	}
}
