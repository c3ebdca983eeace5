package storage

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
)

// ErrInjected is wrapped by every failure that Faulty injects.
var ErrInjected = errors.New("storage: injected fault")

// Op names a Storage method, for Fault and Faulty.Calls.
type Op string

// The operations of a Storage.
const (
	OpPut    Op = "put"
	OpOpen   Op = "open"
	OpList   Op = "list"
	OpStat   Op = "stat"
	OpDelete Op = "delete"
)

// Fault says which call of a Faulty storage fails, and how.
//
//	Fault{Op: OpPut, Call: 3}                          // the third Put fails before reaching the storage
//	Fault{Op: OpPut, Name: ".manifest.", Call: 1}      // the first Put of a manifest fails
//	Fault{Op: OpPut, AfterBytes: 1 << 20}              // every Put: the reader breaks after 1 MiB
//	Fault{Op: OpOpen, Name: ".tar.zst", AfterBytes: 10} // reads of archives break after 10 bytes
type Fault struct {
	Op   Op
	Name string // only calls whose name (List: prefix) contains Name; "" for every call
	Call int    // the Call-th matching call fails, counting from 1; 0 for every matching call
	// AfterBytes > 0 lets the call through and breaks its data after that many bytes: for Put,
	// the wrapped storage's reader returns the error (so the wrapped Put must store nothing); for
	// Open, Read returns it; a shorter object passes whole. With 0, the call fails before
	// reaching the wrapped storage.
	AfterBytes int64
	Err        error // the cause, wrapped with ErrInjected; nil for ErrInjected alone
}

// Faulty wraps a Storage and makes chosen calls fail, for tests of what happens when a storage
// breaks (disk full, connection lost). It is safe for concurrent use.
type Faulty struct {
	inner  Storage
	mu     sync.Mutex
	faults []*armedFault
	calls  map[Op]int
}

type armedFault struct {
	Fault
	seen int // matching calls so far
}

var _ Storage = (*Faulty)(nil)

// NewFaulty wraps s with the given faults.
func NewFaulty(s Storage, faults ...Fault) *Faulty {
	f := &Faulty{inner: s, calls: map[Op]int{}}
	for _, fl := range faults {
		f.Inject(fl)
	}
	return f
}

// Inject adds a fault; its Call counts from now. When several faults fire on one call, the
// first injected wins.
func (f *Faulty) Inject(fl Fault) {
	f.mu.Lock()
	f.faults = append(f.faults, &armedFault{Fault: fl})
	f.mu.Unlock()
}

// Calls returns how many times op was called, failed calls included.
func (f *Faulty) Calls(op Op) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[op]
}

// fault counts the call and returns the fault that fires on it, or nil.
func (f *Faulty) fault(op Op, name string) *Fault {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls[op]++
	var fired *Fault
	for _, a := range f.faults {
		if a.Op != op || !strings.Contains(name, a.Name) {
			continue
		}
		a.seen++
		if fired == nil && (a.Call == 0 || a.seen == a.Call) {
			fired = &a.Fault
		}
	}
	return fired
}

// err is the error a fault injects into op on name.
func (fl *Fault) err(op Op, name string) error {
	if fl.Err != nil {
		return fmt.Errorf("%w: %s %s: %w", ErrInjected, op, name, fl.Err)
	}
	return fmt.Errorf("%w: %s %s", ErrInjected, op, name)
}

// Put implements Storage.
func (f *Faulty) Put(ctx context.Context, name string, r io.Reader) (int64, error) {
	fl := f.fault(OpPut, name)
	switch {
	case fl == nil:
		return f.inner.Put(ctx, name, r)
	case fl.AfterBytes > 0:
		return f.inner.Put(ctx, name, &breakingReader{r: r, left: fl.AfterBytes, err: fl.err(OpPut, name)})
	}
	return 0, fl.err(OpPut, name)
}

// Open implements Storage.
func (f *Faulty) Open(ctx context.Context, name string) (io.ReadCloser, error) {
	fl := f.fault(OpOpen, name)
	if fl != nil && fl.AfterBytes == 0 {
		return nil, fl.err(OpOpen, name)
	}
	rc, err := f.inner.Open(ctx, name)
	if err != nil || fl == nil {
		return rc, err
	}
	br := &breakingReader{r: rc, left: fl.AfterBytes, err: fl.err(OpOpen, name)}
	return struct {
		io.Reader
		io.Closer
	}{br, rc}, nil
}

// List implements Storage.
func (f *Faulty) List(ctx context.Context, prefix string) ([]Info, error) {
	if fl := f.fault(OpList, prefix); fl != nil {
		return nil, fl.err(OpList, prefix)
	}
	return f.inner.List(ctx, prefix)
}

// Stat implements Storage.
func (f *Faulty) Stat(ctx context.Context, name string) (Info, error) {
	if fl := f.fault(OpStat, name); fl != nil {
		return Info{}, fl.err(OpStat, name)
	}
	return f.inner.Stat(ctx, name)
}

// Delete implements Storage.
func (f *Faulty) Delete(ctx context.Context, name string) error {
	if fl := f.fault(OpDelete, name); fl != nil {
		return fl.err(OpDelete, name)
	}
	return f.inner.Delete(ctx, name)
}

// breakingReader passes left bytes of r, then returns err.
type breakingReader struct {
	r    io.Reader
	left int64
	err  error
}

func (b *breakingReader) Read(p []byte) (int, error) {
	if b.left <= 0 {
		return 0, b.err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.r.Read(p)
	b.left -= int64(n)
	return n, err
}

// Close implements Storage: it closes the wrapped storage.
func (f *Faulty) Close() error { return f.inner.Close() }
