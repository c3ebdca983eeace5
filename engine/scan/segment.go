package scan

import (
	"context"
	"errors"
)

// A walk is cut into segments: the listing of a subtree that one goroutine walks, handed to
// the consumer in pieces through a bounded channel, so that a walker never runs further
// ahead of the consumer than a few pieces. A piece is a run of entries, or a subtree walked
// by another goroutine, whose listing comes at that place.
type segment struct {
	out chan piece
	cur []Entry
	err error // set before out is closed
}

type piece struct {
	entries []Entry
	kid     *segment
}

const (
	pieceLen    = 256 // entries per piece
	piecesAhead = 4   // pieces a segment holds before its walker waits
)

// start walks the directory open as fd (which it closes) in a new goroutine.
func (w *walker) start(fd int, rel string) *segment {
	s := &segment{out: make(chan piece, piecesAhead)}
	w.wg.Add(1)
	go func() {
		defer w.wg.Done()
		err := w.dir(s, fd, rel)
		if err == nil {
			err = s.flush(w.ctx)
		}
		if rel != "" {
			<-w.sem
		}
		s.err = err
		close(s.out)
	}()
	return s
}

func (s *segment) add(ctx context.Context, e Entry) error {
	if s.cur == nil {
		s.cur = make([]Entry, 0, pieceLen)
	}
	s.cur = append(s.cur, e)
	if len(s.cur) == pieceLen {
		return s.flush(ctx)
	}
	return nil
}

func (s *segment) flush(ctx context.Context) error {
	if len(s.cur) == 0 {
		return nil
	}
	p := piece{entries: s.cur}
	s.cur = nil
	return s.put(ctx, p)
}

// send hands on a subtree, after the entries listed before it.
func (s *segment) send(ctx context.Context, p piece) error {
	if err := s.flush(ctx); err != nil {
		return err
	}
	return s.put(ctx, p)
}

func (s *segment) put(ctx context.Context, p piece) error {
	select {
	case s.out <- p:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// drain hands the listing of s and of its subtrees to fn, in order.
func (w *walker) drain(s *segment, fn func(*Entry) error) error {
	for p := range s.out {
		if p.kid != nil {
			if err := w.drain(p.kid, fn); err != nil {
				return err
			}
			continue
		}
		for i := range p.entries {
			if err := fn(&p.entries[i]); err != nil {
				return err
			}
		}
	}
	if s.err != nil && !errors.Is(s.err, context.Canceled) {
		return s.err
	}
	return w.ctx.Err()
}
