package ftp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/jlaffaye/ftp"

	"coffre/engine/storage"
)

// size asks the server for the size of name (SIZE); 550 means it does not exist.
func (sess *session) size(ctx context.Context, name string) (int64, error) {
	n, err := sess.sc.FileSize(name)
	if err != nil && code(err) == 550 {
		return 0, storage.ErrNotFound
	}
	return n, classify(ctx, "SIZE", err)
}

// modified is the time name was last written: MDTM, or the listing where MDTM is missing.
func (sess *session) modified(ctx context.Context, name string) (time.Time, error) {
	if sess.sc.IsGetTimeSupported() {
		if t, err := sess.sc.GetTime(name); err == nil {
			return t, nil
		}
	}
	entries, err := sess.sc.List("")
	if err != nil {
		return time.Time{}, classify(ctx, "LIST", err)
	}
	for _, e := range entries {
		if e.Name == name {
			return e.Time, nil
		}
	}
	return time.Time{}, storage.ErrNotFound
}

// Open implements storage.Storage. The reader holds a connection of its own until Close, and
// fails if the server sends fewer or more bytes than SIZE announced.
func (s *Storage) Open(ctx context.Context, name string) (io.ReadCloser, error) {
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
	size, err := sess.size(ctx, name)
	var resp *ftp.Response
	if err == nil {
		resp, err = sess.sc.Retr(name)
		if code(err) == 550 {
			err = storage.ErrNotFound
		}
		err = classify(ctx, "RETR", err)
	}
	if err != nil {
		if !stop() {
			err = ctx.Err()
		}
		s.release(sess, err)
		return nil, fmt.Errorf("ftp open %s: %w", name, err)
	}
	return &reader{s: s, sess: sess, ctx: ctx, stop: stop, resp: resp, name: name, size: size}, nil
}

// reader reads one object over a data connection.
type reader struct {
	s      *Storage
	sess   *session
	ctx    context.Context
	stop   func() bool
	resp   *ftp.Response
	name   string
	size   int64
	n      int64
	err    error
	closed bool
}

// errSize is a transfer that ended at another size than the object's.
var errSize = errors.New("the transfer's size differs from the file's")

func (r *reader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	k, err := r.resp.Read(p)
	r.n += int64(k)
	switch {
	case r.n > r.size:
		err = storage.Transient(errSize)
	case err == io.EOF && r.n != r.size:
		err = storage.Transient(errSize)
	case err != nil && err != io.EOF:
		err = classify(r.ctx, "RETR", err)
	}
	if err != nil && err != io.EOF {
		err = fmt.Errorf("ftp read %s: %w", r.name, err)
	}
	r.err = err
	return k, err
}

// Close ends the transfer; the connection is reused only after a clean end.
func (r *reader) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	cerr := r.resp.Close()
	if !r.stop() {
		r.sess.kill()
		return nil
	}
	if r.err != io.EOF || cerr != nil {
		r.sess.kill()
	}
	r.s.release(r.sess, nil)
	return nil
}
