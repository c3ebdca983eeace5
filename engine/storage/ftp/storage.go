package ftp

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/jlaffaye/ftp"

	"coffre/engine/storage"
)

// Storage keeps a client's backups in one folder of its FTP server, passive mode only. It keeps
// a few logged-in connections idle for reuse; each call uses one connection of its own.
type Storage struct {
	cfg  Config
	tls  *tls.Config
	seen seenCert

	mu     sync.Mutex
	idle   []*session
	closed bool
}

var _ storage.Storage = (*Storage)(nil)

// maxIdle is how many connections stay open between calls.
const maxIdle = 2

// ErrClosed is returned by the calls made after Close.
var ErrClosed = errors.New("ftp storage closed")

// New checks cfg, connects and logs in (creating the folder if it is missing), and returns
// the storage. The caller must Close it.
func New(ctx context.Context, cfg Config) (*Storage, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	s := &Storage{cfg: cfg.withDefaults()}
	s.tls = tlsConfig(s.cfg, &s.seen)
	sess, err := dialSession(ctx, s.cfg, s.tls, nil)
	if err != nil {
		return nil, fmt.Errorf("ftp %s: %w", s.cfg.Host, err)
	}
	s.release(sess, nil)
	return s, nil
}

// Fingerprint is the SHA-256 of the certificate the server showed last ("" without TLS).
func (s *Storage) Fingerprint() string { return s.seen.get() }

// Close implements storage.Storage: it logs out of the idle connections.
func (s *Storage) Close() error {
	s.mu.Lock()
	idle := s.idle
	s.idle, s.closed = nil, true
	s.mu.Unlock()
	for _, sess := range idle {
		sess.quit()
	}
	return nil
}

// get returns an idle connection that still answers, or a new one.
func (s *Storage) get(ctx context.Context) (*session, error) {
	for {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return nil, ErrClosed
		}
		var sess *session
		if n := len(s.idle); n > 0 {
			sess, s.idle = s.idle[n-1], s.idle[:n-1]
		}
		s.mu.Unlock()
		if sess == nil {
			break
		}
		sess.ctx = ctx
		stop := context.AfterFunc(ctx, sess.kill)
		err := sess.sc.NoOp()
		stop()
		if err == nil {
			return sess, nil
		}
		sess.kill() // closed by the server while idle
	}
	sess, err := dialSession(ctx, s.cfg, s.tls, nil)
	if err != nil {
		return nil, fmt.Errorf("ftp %s: %w", s.cfg.Host, err)
	}
	return sess, nil
}

// release keeps sess for reuse after a call that left it in a known state (success, or a
// plain refusal by the server), and closes it otherwise.
func (s *Storage) release(sess *session, err error) {
	var re *ReplyError
	reusable := err == nil || errors.As(err, &re) && re.Code != 421 || errors.Is(err, storage.ErrNotFound)
	s.mu.Lock()
	if reusable && !s.closed && len(s.idle) < maxIdle && !sess.isDead() {
		s.idle = append(s.idle, sess)
		sess = nil
	}
	s.mu.Unlock()
	if sess != nil {
		sess.quit()
	}
}

// do runs fn on a connection of its own, closing it if ctx ends meanwhile: a cancelled call
// returns within moments whatever the server does. fn returns classified errors.
func (s *Storage) do(ctx context.Context, op string, fn func(*session) error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("ftp %s: %w", op, err)
	}
	sess, err := s.get(ctx)
	if err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, sess.kill)
	err = fn(sess)
	if !stop() {
		sess.kill()
		return fmt.Errorf("ftp %s: %w", op, ctx.Err())
	}
	s.release(sess, err)
	return err
}

// List implements storage.Storage. Temporary uploads, folders and names that are not valid
// object names are left out.
func (s *Storage) List(ctx context.Context, prefix string) ([]storage.Info, error) {
	if prefix != "" && !storage.ValidName(prefix) {
		return nil, fmt.Errorf("ftp list %q: %w", prefix, storage.ErrInvalidName)
	}
	var entries []*ftp.Entry
	err := s.do(ctx, "list", func(sess *session) error {
		var err error
		entries, err = sess.sc.List("")
		return classify(ctx, "LIST", err)
	})
	if err != nil {
		return nil, fmt.Errorf("ftp list: %w", err)
	}
	var out []storage.Info
	for _, e := range entries {
		if e.Type == ftp.EntryTypeFile && storage.ValidName(e.Name) && strings.HasPrefix(e.Name, prefix) {
			out = append(out, storage.Info{Name: e.Name, Size: int64(e.Size), Modified: e.Time})
		}
	}
	slices.SortFunc(out, func(a, b storage.Info) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// Stat implements storage.Storage.
func (s *Storage) Stat(ctx context.Context, name string) (storage.Info, error) {
	if err := checkName("stat", name); err != nil {
		return storage.Info{}, err
	}
	info := storage.Info{Name: name}
	err := s.do(ctx, "stat", func(sess *session) error {
		size, err := sess.size(ctx, name)
		if err != nil {
			return err
		}
		info.Size = size
		info.Modified, err = sess.modified(ctx, name)
		return err
	})
	if err != nil {
		return storage.Info{}, fmt.Errorf("ftp stat %s: %w", name, err)
	}
	return info, nil
}

// Delete implements storage.Storage.
func (s *Storage) Delete(ctx context.Context, name string) error {
	if err := checkName("delete", name); err != nil {
		return err
	}
	err := s.do(ctx, "delete", func(sess *session) error {
		err := sess.sc.Delete(name)
		if err != nil && code(err) == 550 {
			if _, serr := sess.size(ctx, name); errors.Is(serr, storage.ErrNotFound) {
				return storage.ErrNotFound
			}
		}
		return classify(ctx, "DELE", err)
	})
	if err != nil {
		return fmt.Errorf("ftp delete %s: %w", name, err)
	}
	return nil
}

// checkName refuses what is not a storage object name, before any I/O.
func checkName(op, name string) error {
	if !storage.ValidName(name) {
		return fmt.Errorf("ftp %s %q: %w", op, name, storage.ErrInvalidName)
	}
	return nil
}
