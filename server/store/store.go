package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	bolterrors "go.etcd.io/bbolt/errors"
)

// FileName is the bbolt file's name inside the data directory.
const FileName = "coffre.db"

// DefaultTimeout bounds the wait for the file lock of another process.
const DefaultTimeout = 5 * time.Second

// Options tune Open. Zero values get defaults: Timeout DefaultTimeout, Now time.Now.
type Options struct {
	Timeout time.Duration
	Now     func() time.Time
}

// Store is the bbolt file of one data directory. It never keeps the file open between
// operations: each View or Update opens it, runs, and closes it, so that several processes
// (the server, a cron job running the CLI) share it, each waiting at most Timeout for the
// other's lock. A Store is safe for concurrent use.
type Store struct {
	dir  string
	path string
	opts Options
	mu   sync.RWMutex // serializes this process's writers; bbolt's flock does it across processes
}

// Open prepares the store of the data directory dir (created with mode 0700 if missing) and
// creates the bbolt file if needed. dir is made absolute.
func Open(dir string, opts Options) (*Store, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	if err := os.MkdirAll(abs, 0o700); err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	s := &Store{dir: abs, path: filepath.Join(abs, FileName), opts: opts}
	if err := s.Update(func(*Tx) error { return nil }); err != nil {
		return nil, err
	}
	return s, nil
}

// Dir is the absolute data directory.
func (s *Store) Dir() string { return s.dir }

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.opts.Now() }

// View runs fn in a read-only transaction. Values read must be decoded inside fn.
func (s *Store) View(fn func(*Tx) error) error {
	s.mu.RLock()
	defer s.mu.RUnlock()
	db, err := s.open(true)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.View(func(tx *bolt.Tx) error { return fn(&Tx{tx: tx}) })
}

// Update runs fn in a read-write transaction, committed if fn returns nil.
func (s *Store) Update(fn func(*Tx) error) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	db, err := s.open(false)
	if err != nil {
		return err
	}
	defer db.Close()
	return db.Update(func(tx *bolt.Tx) error { return fn(&Tx{tx: tx}) })
}

func (s *Store) open(readOnly bool) (*bolt.DB, error) {
	db, err := bolt.Open(s.path, 0o600, &bolt.Options{Timeout: s.opts.Timeout, ReadOnly: readOnly})
	if errors.Is(err, bolterrors.ErrTimeout) {
		return nil, &Error{Code: CodeBusy, Err: err, Msg: fmt.Sprintf(
			"the store %s stayed locked by another coffre process for %s; try again", s.path, s.opts.Timeout)}
	}
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", s.path, err)
	}
	return db, nil
}

// Tx is one transaction. Buckets are created on first write; a missing bucket reads as empty.
type Tx struct {
	tx *bolt.Tx
}

func (t *Tx) bucket(name string) (*bolt.Bucket, error) {
	if b := t.tx.Bucket([]byte(name)); b != nil || !t.tx.Writable() {
		return b, nil
	}
	b, err := t.tx.CreateBucket([]byte(name))
	if err != nil {
		return nil, fmt.Errorf("create bucket %s: %w", name, err)
	}
	return b, nil
}

// Get decodes the value of key in bucket into a T; ok is false when there is none.
func Get[T any](t *Tx, bucket, key string) (v T, ok bool, err error) {
	b, err := t.bucket(bucket)
	if err != nil || b == nil {
		return v, false, err
	}
	data := b.Get([]byte(key))
	if data == nil {
		return v, false, nil
	}
	if err := json.Unmarshal(data, &v); err != nil {
		return v, false, fmt.Errorf("decode %s/%s: %w", bucket, key, err)
	}
	return v, true, nil
}

// Put stores v as JSON under key in bucket.
func Put(t *Tx, bucket, key string, v any) error {
	b, err := t.bucket(bucket)
	if err != nil {
		return err
	}
	data, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("encode %s/%s: %w", bucket, key, err)
	}
	return b.Put([]byte(key), data)
}

// Delete removes key from bucket; a missing key is not an error.
func Delete(t *Tx, bucket, key string) error {
	b, err := t.bucket(bucket)
	if err != nil || b == nil {
		return err
	}
	return b.Delete([]byte(key))
}

// Each decodes every value of bucket in key order and calls fn; an error from fn stops it.
func Each[T any](t *Tx, bucket string, fn func(key string, v T) error) error {
	b, err := t.bucket(bucket)
	if err != nil || b == nil {
		return err
	}
	return b.ForEach(func(k, data []byte) error {
		var v T
		if err := json.Unmarshal(data, &v); err != nil {
			return fmt.Errorf("decode %s/%s: %w", bucket, k, err)
		}
		return fn(string(k), v)
	})
}

// NextKey returns the bucket's next sequence number as an 8-byte big-endian key, so that keys
// sort in creation order. Only in Update.
func NextKey(t *Tx, bucket string) ([]byte, uint64, error) {
	b, err := t.bucket(bucket)
	if err != nil {
		return nil, 0, err
	}
	n, err := b.NextSequence()
	if err != nil {
		return nil, 0, fmt.Errorf("next key %s: %w", bucket, err)
	}
	key := make([]byte, 8)
	for i := range 8 {
		key[i] = byte(n >> (56 - 8*i))
	}
	return key, n, nil
}
