package ftp

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"

	"coffre/engine/storage"
)

// TempMarker is in the name of every temporary upload: "<name>~coffre-part-<random>". The
// tilde keeps it out of valid object names (List never shows one, no object can be named like
// one) and, unlike a leading dot, does not hide it from the server's listing, so that
// RemoveTemp finds what a killed process left.
const TempMarker = "~coffre-part-"

func tempName(name string) string {
	var b [6]byte
	rand.Read(b[:])
	return name + TempMarker + hex.EncodeToString(b[:])
}

// errShortStore is an upload that the server acknowledged while holding another size.
var errShortStore = errors.New("the server holds another size than was sent")

// Put implements storage.Storage: r goes to a temporary name, the server's SIZE of it is
// checked against what was sent, then it is renamed into place. A local read error fails the
// upload whatever the server replied. When r is a storage.Rewinder, a transient failure keeps
// the part sent and returns a *storage.PartialPut to resume it.
func (s *Storage) Put(ctx context.Context, name string, r io.Reader) (int64, error) {
	if err := checkName("put", name); err != nil {
		return 0, err
	}
	_, rewinds := r.(storage.Rewinder)
	u := &upload{s: s, name: name, temp: tempName(name), rewinds: rewinds}
	n, err := u.send(ctx, r, 0)
	if err != nil {
		return 0, u.fail(ctx, err)
	}
	return n, nil
}

// upload is one object on its way to the server.
type upload struct {
	s       *Storage
	name    string
	temp    string
	rewinds bool
}

// send stores r in the temporary object from offset off, checks the size, then renames.
func (u *upload) send(ctx context.Context, r io.Reader, off int64) (int64, error) {
	src := &sourceReader{ctx: ctx, r: r}
	err := u.s.do(ctx, "put", func(sess *session) error {
		err := sess.sc.StorFrom(u.temp, src, uint64(off))
		if src.err != nil {
			return src.err // the local side failed: whatever the server said, this is no upload
		}
		if err != nil {
			return classify(ctx, "STOR", err)
		}
		return u.commit(ctx, sess, off+src.n)
	})
	if err == nil {
		return off + src.n, nil
	}
	if src.err != nil && !errors.Is(src.err, context.Canceled) {
		err = src.err
	}
	return 0, err
}

// commit checks that the server holds want bytes, then renames the upload into place.
func (u *upload) commit(ctx context.Context, sess *session, want int64) error {
	got, err := sess.size(ctx, u.temp)
	if err != nil {
		return err
	}
	if got != want {
		return storage.Transient(fmt.Errorf("%w: %d bytes instead of %d", errShortStore, got, want))
	}
	err = sess.sc.Rename(u.temp, u.name)
	if err != nil && (code(err) == 550 || code(err) == 553) {
		// Servers other than vsftpd may refuse to rename over an existing object.
		if sess.sc.Delete(u.name) == nil {
			err = sess.sc.Rename(u.temp, u.name)
		}
	}
	return classify(ctx, "RNTO", err)
}

// fail keeps the part sent for a resume when that is possible, and deletes it otherwise.
func (u *upload) fail(ctx context.Context, err error) error {
	if ctx.Err() == nil && u.rewinds && storage.IsTransient(err) {
		return fmt.Errorf("ftp put %s: %w", u.name, &storage.PartialPut{Name: u.name, Err: err,
			Resume: u.resume, Discard: u.discard})
	}
	u.discard(ctx)
	if ctx.Err() != nil && !errors.Is(err, ctx.Err()) {
		err = fmt.Errorf("%w (%v)", ctx.Err(), err)
	}
	return fmt.Errorf("ftp put %s: %w", u.name, err)
}

// resume asks the server how much it holds, rewinds r there (or to the start when it cannot)
// and sends the rest.
func (u *upload) resume(ctx context.Context, r storage.Rewinder) (int64, error) {
	var held int64
	err := u.s.do(ctx, "put", func(sess *session) error {
		n, err := sess.size(ctx, u.temp)
		if errors.Is(err, storage.ErrNotFound) {
			return nil
		}
		held = n
		return err
	})
	if err != nil {
		return 0, u.fail(ctx, err)
	}
	if r.Rewind(held) != nil {
		held = 0
		if err := r.Rewind(0); err != nil {
			u.discard(ctx)
			return 0, fmt.Errorf("ftp put %s: resume: %w", u.name, err)
		}
	}
	n, err := u.send(ctx, r, held)
	if err != nil && held > 0 && restRefused(err) && r.Rewind(0) == nil {
		n, err = u.send(ctx, r, 0) // a server without REST: the whole object again
	}
	if err != nil {
		return 0, u.fail(ctx, err)
	}
	return n, nil
}

// restRefused reports a server that does not resume uploads (REST answered 500, 501, 502 or 504).
func restRefused(err error) bool {
	switch code(err) {
	case 500, 501, 502, 504:
		return true
	}
	return false
}

// discard deletes the temporary upload, even when ctx is already cancelled.
func (u *upload) discard(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), u.s.cfg.Timeout)
	defer cancel()
	err := u.s.do(ctx, "delete", func(sess *session) error {
		err := sess.sc.Delete(u.temp)
		if code(err) == 550 {
			return nil // never created
		}
		return classify(ctx, "DELE", err)
	})
	if err != nil {
		return fmt.Errorf("ftp delete the temporary upload of %s: %w", u.name, err)
	}
	return nil
}

// sourceReader reads the local side of an upload, remembering its failure apart from the
// network's, and stops once ctx is done.
type sourceReader struct {
	ctx context.Context
	r   io.Reader
	n   int64
	err error
}

func (s *sourceReader) Read(p []byte) (int, error) {
	if err := s.ctx.Err(); err != nil {
		s.err = err
		return 0, err
	}
	k, err := s.r.Read(p)
	s.n += int64(k)
	if err != nil && err != io.EOF {
		s.err = err
	}
	return k, err
}

// WriteTo sends the source to w in large writes: fewer system calls and deadline updates per
// byte than io.Copy's 32 KiB, on both ends of the data connection.
func (s *sourceReader) WriteTo(w io.Writer) (int64, error) {
	buf := make([]byte, 1<<20)
	var n int64
	for {
		k, err := io.ReadFull(s, buf)
		if k > 0 {
			m, werr := w.Write(buf[:k])
			n += int64(m)
			if werr != nil {
				return n, werr
			}
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
	}
}

// RemoveTemp deletes every temporary upload in the folder: what a killed process left. The
// caller must know that no upload to this folder is running (the client's lock).
func (s *Storage) RemoveTemp() error {
	ctx, cancel := context.WithTimeout(context.Background(), 4*s.cfg.Timeout)
	defer cancel()
	return s.do(ctx, "remove temporary uploads", func(sess *session) error {
		names, err := sess.sc.NameList("")
		if err != nil {
			return classify(ctx, "NLST", err)
		}
		for _, n := range names {
			if strings.Contains(n, TempMarker) && !strings.ContainsAny(n, "/\r\n") {
				if err := sess.sc.Delete(n); err != nil && code(err) != 550 {
					return classify(ctx, "DELE", err)
				}
			}
		}
		return nil
	})
}
