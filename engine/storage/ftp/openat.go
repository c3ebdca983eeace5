package ftp

import (
	"context"
	"fmt"
	"io"

	"coffre/engine/storage"
)

// OpenAt implements storage.RangeOpener: the transfer starts at byte off (REST off, then
// RETR), so that a resumed download reads only what is left.
func (s *Storage) OpenAt(ctx context.Context, name string, off int64) (io.ReadCloser, error) {
	if off == 0 {
		return s.Open(ctx, name)
	}
	if err := checkName("open", name); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("ftp open %s: %w", name, err)
	}
	sess, err := s.get(ctx)
	if err != nil {
		return nil, fmt.Errorf("ftp open %s: %w", name, err)
	}
	stop := context.AfterFunc(ctx, sess.kill)
	resp, err := sess.sc.RetrFrom(name, uint64(off))
	if code(err) == 550 {
		err = storage.ErrNotFound
	}
	err = classify(ctx, "RETR", err)
	if err != nil {
		if !stop() {
			err = ctx.Err()
		}
		s.release(sess, err)
		return nil, fmt.Errorf("ftp open %s at %d: %w", name, off, err)
	}
	return &reader{s: s, sess: sess, ctx: ctx, stop: stop, resp: resp, name: name, n: off}, nil
}
