package archive

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"sync/atomic"

	"coffre/engine/manifest"
)

// Opener opens a stored object; every storage.Storage is one.
type Opener interface {
	Open(ctx context.Context, name string) (io.ReadCloser, error)
}

// Errors callers branch on.
var (
	ErrCorrupt = errors.New("archive corrupt") // a volume's size or hash differs, or the stream is malformed
	ErrLimit   = errors.New("archive over a limit")
)

// CheckVolumes reads every volume in full and checks its size and SHA-256 against vols. The
// error names each bad volume (joined), and wraps ErrCorrupt, or the storage's error.
func CheckVolumes(ctx context.Context, st Opener, vols []manifest.Object) error {
	var errs []error
	for _, v := range vols {
		if err := checkVolume(ctx, st, v); err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

func checkVolume(ctx context.Context, st Opener, v manifest.Object) error {
	rc, err := st.Open(ctx, v.Name)
	if err != nil {
		return fmt.Errorf("check volume %s: %w", v.Name, err)
	}
	defer rc.Close()
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(rc, v.Size+1))
	if err != nil {
		return fmt.Errorf("check volume %s: %w", v.Name, err)
	}
	return compare(v, n, h)
}

// compare checks a volume's size n and, unless h is nil, its hash h against v.
func compare(v manifest.Object, n int64, h hash.Hash) error {
	if n != v.Size {
		return fmt.Errorf("volume %s: %d bytes instead of %d: %w", v.Name, n, v.Size, ErrCorrupt)
	}
	if h == nil {
		return nil
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != v.SHA256 {
		return fmt.Errorf("volume %s: SHA-256 %s instead of %s: %w", v.Name, got, v.SHA256, ErrCorrupt)
	}
	return nil
}

// volumeStream reads the volumes one after the other as one stream, checking each at its end.
type volumeStream struct {
	ctx  context.Context
	st   Opener
	vols []manifest.Object
	cur  io.ReadCloser
	h    hash.Hash // nil when sizeOnly
	n    int64
	err  error
	// sizeOnly skips the hash: the volumes were checked just before.
	sizeOnly bool
	// storageErr is set (once, before the stream stops) when the storage failed: the decoder
	// reads s on its own goroutine, the Reader asks from the caller's.
	storageErr atomic.Pointer[error]
}

func (s *volumeStream) Read(p []byte) (int, error) {
	for s.err == nil {
		if s.cur == nil && !s.open() {
			break
		}
		k, err := s.cur.Read(p)
		if s.h != nil {
			s.h.Write(p[:k])
		}
		s.n += int64(k)
		if s.n > s.vols[0].Size {
			s.err = fmt.Errorf("volume %s: longer than %d bytes: %w", s.vols[0].Name, s.vols[0].Size, ErrCorrupt)
			return 0, s.err
		}
		if err == io.EOF {
			s.next()
		} else if err != nil {
			s.err = fmt.Errorf("read volume %s: %w", s.vols[0].Name, err)
			s.storageErr.Store(&s.err)
		}
		if k > 0 || s.err != nil {
			return k, s.err
		}
	}
	return 0, s.err
}

// open opens the next volume; false (with s.err set) when there is none or it fails.
func (s *volumeStream) open() bool {
	if len(s.vols) == 0 {
		s.err = io.EOF
		return false
	}
	rc, err := s.st.Open(s.ctx, s.vols[0].Name)
	if err != nil {
		s.err = fmt.Errorf("open volume %s: %w", s.vols[0].Name, err)
		s.storageErr.Store(&s.err)
		return false
	}
	s.cur, s.h, s.n = rc, nil, 0
	if !s.sizeOnly {
		s.h = sha256.New()
	}
	return true
}

// next checks the finished volume and moves to the following one.
func (s *volumeStream) next() {
	s.cur.Close()
	s.cur = nil
	if err := compare(s.vols[0], s.n, s.h); err != nil {
		s.err = err
		return
	}
	s.vols = s.vols[1:]
}

// Close closes the open volume; the decoder reading s must have stopped.
func (s *volumeStream) Close() error {
	if s.cur != nil {
		s.cur.Close()
		s.cur = nil
	}
	return nil
}

// failure is the storage's error, if reading failed because of it; safe from any goroutine.
func (s *volumeStream) failure() error {
	if p := s.storageErr.Load(); p != nil {
		return *p
	}
	return nil
}
