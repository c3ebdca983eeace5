package storage

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
)

// ReadOnce wraps a remote Storage so that each object crosses the network at most once while
// the wrapper lives: the first Open streams it from the wrapped storage and keeps a copy in a
// private folder on local disk as it is read; the next Opens read the copy. A restore or a
// verify reads each volume twice (the hash check, then the extraction): over FTP once is
// enough. Only objects read to their end are kept; Put and Delete drop their object's copy;
// Close deletes every copy and closes the wrapped storage.
type ReadOnce struct {
	Storage
	dir  string
	mu   sync.Mutex
	have map[string]bool
	gen  map[string]int // bumped before and after each Put or Delete of the name
}

var _ Storage = (*ReadOnce)(nil)

// NewReadOnce wraps s, keeping its copies in a new folder (mode 0700) under parent.
func NewReadOnce(s Storage, parent string) (*ReadOnce, error) {
	dir, err := os.MkdirTemp(parent, "coffre-read-*")
	if err != nil {
		return nil, fmt.Errorf("read-once storage: %w", err)
	}
	return &ReadOnce{Storage: s, dir: dir, have: map[string]bool{}, gen: map[string]int{}}, nil
}

// Open implements Storage.
func (r *ReadOnce) Open(ctx context.Context, name string) (io.ReadCloser, error) {
	if err := checkName("open", name); err != nil {
		return nil, err
	}
	r.mu.Lock()
	have, gen := r.have[name], r.gen[name]
	r.mu.Unlock()
	if have {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("open %s: %w", name, err)
		}
		if f, err := os.Open(filepath.Join(r.dir, name)); err == nil {
			return newCtxReadCloser(ctx, f), nil
		}
	}
	rc, err := r.Storage.Open(ctx, name)
	if err != nil {
		return nil, err
	}
	f, err := os.CreateTemp(r.dir, tempPrefix+"*")
	if err != nil {
		return rc, nil // no copy this time
	}
	return &teeOnce{r: r, rc: rc, f: f, name: name, gen: gen}, nil
}

// teeOnce copies what it reads into f, and keeps f as the object's copy at a clean end.
type teeOnce struct {
	r    *ReadOnce
	rc   io.ReadCloser
	f    *os.File
	name string
	gen  int
	bad  bool // the copy failed: dropped
}

func (t *teeOnce) Read(p []byte) (int, error) {
	n, err := t.rc.Read(p)
	if n > 0 && !t.bad {
		if _, werr := t.f.Write(p[:n]); werr != nil {
			t.bad = true
		}
	}
	if err == io.EOF && !t.bad && t.f != nil {
		t.keep()
	}
	return n, err
}

// keep renames the finished copy into place, unless the object changed meanwhile.
func (t *teeOnce) keep() {
	f := t.f
	t.f = nil
	if f.Close() != nil {
		os.Remove(f.Name())
		return
	}
	t.r.mu.Lock()
	defer t.r.mu.Unlock()
	if t.r.gen[t.name] != t.gen || os.Rename(f.Name(), filepath.Join(t.r.dir, t.name)) != nil {
		os.Remove(f.Name())
		return
	}
	t.r.have[t.name] = true
}

func (t *teeOnce) Close() error {
	if t.f != nil {
		t.f.Close()
		os.Remove(t.f.Name())
		t.f = nil
	}
	return t.rc.Close()
}

// drop forgets the copy of name; called before and after the object changes.
func (r *ReadOnce) drop(name string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.gen[name]++
	if r.have[name] {
		delete(r.have, name)
		os.Remove(filepath.Join(r.dir, name))
	}
}

// Put implements Storage.
func (r *ReadOnce) Put(ctx context.Context, name string, src io.Reader) (int64, error) {
	if ValidName(name) {
		r.drop(name)
		defer r.drop(name)
	}
	return r.Storage.Put(ctx, name, src)
}

// Delete implements Storage.
func (r *ReadOnce) Delete(ctx context.Context, name string) error {
	if ValidName(name) {
		r.drop(name)
		defer r.drop(name)
	}
	return r.Storage.Delete(ctx, name)
}

// Close implements Storage: the copies go, then the wrapped storage is closed.
func (r *ReadOnce) Close() error {
	os.RemoveAll(r.dir)
	return r.Storage.Close()
}
