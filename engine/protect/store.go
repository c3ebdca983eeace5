package protect

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"

	"filippo.io/age"

	"coffre/engine/manifest"
	"coffre/engine/storage"
)

// Store is a storage seen through a backup password. A backup's index and archive written to
// it (N.index.zst, N.tar.zst) are stored encrypted (N.index.zst.age; N.tar.zst.age, cut into
// N.tar.zst.age.001, .002, ... of split bytes when split > 0), and read back decrypted once the
// backup's manifest was unsealed (manifest.Load and LoadVerified do it). Other objects pass
// through. It is safe for concurrent use.
type Store struct {
	storage.Storage
	key   *Key
	split int64

	mu     sync.Mutex
	stored map[string][]manifest.Object // a plain object name -> the encrypted objects holding it
	keys   map[string][]byte            // stored object name -> file key, of objects written
}

var _ manifest.Unsealer = (*Store)(nil)

// New returns st seen through key; split is the volume size of archives written (0: one).
func New(st storage.Storage, key *Key, split int64) *Store {
	return &Store{Storage: st, key: key, split: split, stored: map[string][]manifest.Object{},
		keys: map[string][]byte{}}
}

// Key is the store's password.
func (s *Store) Key() *Key { return s.key }

// Put stores r; an index or an archive encrypted. It returns the plain bytes read from r.
func (s *Store) Put(ctx context.Context, name string, r io.Reader) (int64, error) {
	n, isIndex := strings.CutSuffix(name, manifest.IndexSuffix)
	if _, isArchive := strings.CutSuffix(name, manifest.ArchiveSuffix); !isIndex && !isArchive {
		return s.Storage.Put(ctx, name, r)
	}
	vol := func(i int) string {
		return manifest.SealedVolumeName(strings.TrimSuffix(name, manifest.ArchiveSuffix), s.split > 0, i)
	}
	limit := s.split
	if isIndex {
		vol, limit = func(int) string { return manifest.IndexName(n) + manifest.SealedSuffix }, 0
	}
	return s.putSealed(ctx, name, r, vol, limit)
}

// putSealed encrypts r into one age stream and stores it in pieces of limit bytes (0: one).
func (s *Store) putSealed(ctx context.Context, name string, r io.Reader, vol func(int) string, limit int64) (int64, error) {
	s.forget(name)
	pr, pw := io.Pipe()
	plain := make(chan int64, 1)
	go func() {
		n, err := s.encrypt(pw, r, vol(0))
		plain <- n
		pw.CloseWithError(err)
	}()
	br := bufio.NewReaderSize(pr, 1<<16)
	var err error
	for i := 0; err == nil; i++ {
		if _, perr := br.Peek(1); i > 0 && perr == io.EOF {
			break
		}
		err = s.putPiece(ctx, name, vol(i), br, limit)
	}
	pr.CloseWithError(fmt.Errorf("storage stopped reading"))
	n := <-plain
	if err != nil {
		return n, fmt.Errorf("put encrypted %s: %w", name, err)
	}
	return n, nil
}

func (s *Store) encrypt(dst io.Writer, r io.Reader, first string) (int64, error) {
	w, err := age.Encrypt(dst, recipient{k: s.key, got: func(fk []byte) {
		s.mu.Lock()
		s.keys[first] = fk
		s.mu.Unlock()
	}})
	if err != nil {
		return 0, fmt.Errorf("encrypt: %w", err)
	}
	n, err := io.Copy(w, r)
	if err != nil {
		return n, err
	}
	return n, w.Close()
}

// putPiece stores at most limit bytes (all when 0) of r as object name, and records it.
func (s *Store) putPiece(ctx context.Context, plain, name string, r io.Reader, limit int64) error {
	if limit > 0 {
		r = io.LimitReader(r, limit)
	}
	h := manifest.NewSumReader(r)
	s.record(plain, manifest.Object{Name: name}) // so that a failed backup deletes it
	stored, err := s.Storage.Put(ctx, name, h)
	if err == nil && stored != h.N {
		err = fmt.Errorf("stored %d bytes of %d", stored, h.N)
	}
	if err != nil {
		return err
	}
	s.mu.Lock()
	objs := s.stored[plain]
	objs[len(objs)-1] = manifest.Object{Name: name, Size: h.N, SHA256: h.SHA256()}
	s.mu.Unlock()
	return nil
}

func (s *Store) record(plain string, o manifest.Object) {
	s.mu.Lock()
	s.stored[plain] = append(s.stored[plain], o)
	s.mu.Unlock()
}

func (s *Store) forget(plain string) {
	s.mu.Lock()
	delete(s.stored, plain)
	s.mu.Unlock()
}

func (s *Store) objects(plain string) []manifest.Object {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]manifest.Object(nil), s.stored[plain]...)
}

// Open reads an object; an index or an archive of an unsealed backup decrypted.
func (s *Store) Open(ctx context.Context, name string) (io.ReadCloser, error) {
	objs := s.objects(name)
	if len(objs) == 0 {
		return s.Storage.Open(ctx, name)
	}
	src := &pieces{ctx: ctx, st: s.Storage, objs: objs}
	r, err := age.Decrypt(src, identity{k: s.key, name: objs[0].Name})
	if err != nil {
		src.Close()
		return nil, fmt.Errorf("decrypt %s: %w", objs[0].Name, wrongPassword(err))
	}
	return struct {
		io.Reader
		io.Closer
	}{r, src}, nil
}

// Authenticates reports whether reading name decrypts it: an index or an archive of an
// unsealed backup, whose every byte read back age's ChaCha20-Poly1305 has authenticated.
func (s *Store) Authenticates(name string) bool { return len(s.objects(name)) > 0 }

// Delete removes an object; for an index or an archive, every encrypted object holding it.
func (s *Store) Delete(ctx context.Context, name string) error {
	objs := s.objects(name)
	if len(objs) == 0 {
		return s.Storage.Delete(ctx, name)
	}
	var errs []error
	for _, o := range objs {
		if err := s.Storage.Delete(ctx, o.Name); err != nil && !errors.Is(err, storage.ErrNotFound) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// wrongPassword makes age's "no identity matched" ErrWrongPassword.
func wrongPassword(err error) error {
	var nm *age.NoIdentityMatchError
	if errors.As(err, &nm) && !errors.Is(err, ErrWrongPassword) {
		return fmt.Errorf("%w: %w", ErrWrongPassword, err)
	}
	return err
}

// pieces reads stored objects one after the other, as one stream.
type pieces struct {
	ctx  context.Context
	st   storage.Storage
	objs []manifest.Object
	cur  io.ReadCloser
}

func (p *pieces) Read(b []byte) (int, error) {
	for {
		if p.cur == nil {
			if len(p.objs) == 0 {
				return 0, io.EOF
			}
			rc, err := p.st.Open(p.ctx, p.objs[0].Name)
			if err != nil {
				return 0, err
			}
			p.cur, p.objs = rc, p.objs[1:]
		}
		k, err := p.cur.Read(b)
		if err == io.EOF {
			p.cur.Close()
			p.cur, err = nil, nil
		}
		if k > 0 || err != nil {
			return k, err
		}
	}
}

func (p *pieces) Close() error {
	if p.cur != nil {
		return p.cur.Close()
	}
	return nil
}
