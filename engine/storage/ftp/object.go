package ftp

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/jlaffaye/ftp"

	"coffre/engine/storage"
)

// size asks the server for the size of name (SIZE); 550 means it does not exist. A server
// without SIZE is asked for the folder's listing instead.
func (sess *session) size(ctx context.Context, name string) (int64, error) {
	n, err := sess.sc.FileSize(name)
	switch code(err) {
	case 550:
		return 0, storage.ErrNotFound
	case 500, 502:
		return sess.listedSize(ctx, name)
	}
	return n, classify(ctx, "SIZE", err)
}

// listedSize finds the size of name in the folder's listing.
func (sess *session) listedSize(ctx context.Context, name string) (int64, error) {
	entries, err := sess.sc.List("")
	if err != nil {
		return 0, classify(ctx, "LIST", err)
	}
	for _, e := range entries {
		if e.Name == name && e.Type == ftp.EntryTypeFile {
			return int64(e.Size), nil
		}
	}
	return 0, storage.ErrNotFound
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

// Open implements storage.Storage. The reader holds a connection of its own until Close; at
// the end of the data it checks the server's closing reply, so that a transfer cut short is
// an error, never a short object.
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
	resp, err := sess.sc.Retr(name)
	if code(err) == 550 {
		err = storage.ErrNotFound
	}
	err = classify(ctx, "RETR", err)
	if err != nil {
		if !stop() {
			err = ctx.Err()
		}
		s.release(sess, err)
		return nil, fmt.Errorf("ftp open %s: %w", name, err)
	}
	return &reader{s: s, sess: sess, ctx: ctx, stop: stop, resp: resp, name: name}, nil
}

// reader reads one object over a data connection. A transfer that breaks is asked again from
// the bytes already read (REST + RETR), a few times: no byte crosses the network twice.
type reader struct {
	s       *Storage
	sess    *session
	ctx     context.Context
	stop    func() bool
	resp    *ftp.Response
	name    string
	n       int64 // bytes read
	resumes int
	err     error // sticky: io.EOF after a clean end
	closed  bool
	ended   bool // the transfer's closing reply was read
}

// readResumes bounds how often one reader asks again after a broken transfer.
const readResumes = 3

func (r *reader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	for {
		k, err := r.once(p)
		if err != nil && err != io.EOF && storage.IsTransient(err) && r.ctx.Err() == nil && r.resumes < readResumes {
			r.resumes++
			if err = r.reopen(); err == nil {
				if k > 0 {
					return k, nil
				}
				continue
			}
		}
		if err != nil && err != io.EOF {
			err = fmt.Errorf("ftp read %s: %w", r.name, err)
		}
		r.err = err
		return k, err
	}
}

// once reads from the transfer; at its end it checks the server's closing reply.
func (r *reader) once(p []byte) (int, error) {
	k, err := r.resp.Read(p)
	r.n += int64(k)
	if err == io.EOF {
		r.ended = true
		if cerr := r.resp.Close(); cerr != nil {
			err = cerr // 426, 451...: the server did not send it all
		}
	}
	if err != nil && err != io.EOF {
		err = classify(r.ctx, "RETR", err)
	}
	return k, err
}

// reopen drops the broken connection and asks for the rest of the object on a new one.
func (r *reader) reopen() error {
	r.stop()
	r.sess.kill()
	r.resp.Close()
	sess, err := r.s.get(r.ctx)
	if err != nil {
		return err
	}
	stop := context.AfterFunc(r.ctx, sess.kill)
	resp, err := sess.sc.RetrFrom(r.name, uint64(r.n))
	if err != nil {
		stop()
		sess.kill()
		return classify(r.ctx, "RETR", err)
	}
	r.sess, r.stop, r.resp, r.ended = sess, stop, resp, false
	return nil
}

// Close ends the transfer; the connection is reused only after a clean end.
func (r *reader) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	if !r.ended {
		r.sess.kill() // a transfer left half-way: the control connection's state is unknown
	}
	r.resp.Close()
	if !r.stop() || r.err != io.EOF {
		r.sess.kill()
	}
	r.s.release(r.sess, nil)
	return nil
}
