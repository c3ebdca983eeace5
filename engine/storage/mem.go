package storage

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"
	"time"
)

// Mem is an in-memory Storage for tests. Put reads the whole object before storing it, so it is
// atomic; stored bytes are never shared with callers.
type Mem struct {
	mu      sync.Mutex
	objects map[string]memObject
	now     func() time.Time
}

type memObject struct {
	data     []byte // never modified once stored: Put replaces the slice
	modified time.Time
}

var _ Storage = (*Mem)(nil)

// NewMem returns an empty in-memory storage.
func NewMem() *Mem {
	return &Mem{objects: map[string]memObject{}, now: time.Now}
}

// Put implements Storage.
func (m *Mem) Put(ctx context.Context, name string, r io.Reader) (int64, error) {
	if err := checkName("mem put", name); err != nil {
		return 0, err
	}
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("mem put %s: %w", name, err)
	}
	var buf bytes.Buffer
	if _, err := copyCtx(ctx, &buf, r); err != nil {
		return 0, fmt.Errorf("mem put %s: %w", name, err)
	}
	data := bytes.Clone(buf.Bytes())
	m.mu.Lock()
	m.objects[name] = memObject{data: data, modified: m.now()}
	m.mu.Unlock()
	return int64(len(data)), nil
}

// Open implements Storage. Reads fail with ctx.Err() once ctx is done.
func (m *Mem) Open(ctx context.Context, name string) (io.ReadCloser, error) {
	obj, err := m.get(ctx, "mem open", name)
	if err != nil {
		return nil, err
	}
	return newCtxReadCloser(ctx, io.NopCloser(bytes.NewReader(obj.data))), nil
}

// List implements Storage.
func (m *Mem) List(ctx context.Context, prefix string) ([]Info, error) {
	if err := checkPrefix("mem list", prefix); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("mem list: %w", err)
	}
	m.mu.Lock()
	var out []Info
	for name, obj := range m.objects {
		if strings.HasPrefix(name, prefix) {
			out = append(out, Info{Name: name, Size: int64(len(obj.data)), Modified: obj.modified})
		}
	}
	m.mu.Unlock()
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Stat implements Storage.
func (m *Mem) Stat(ctx context.Context, name string) (Info, error) {
	obj, err := m.get(ctx, "mem stat", name)
	if err != nil {
		return Info{}, err
	}
	return Info{Name: name, Size: int64(len(obj.data)), Modified: obj.modified}, nil
}

// Delete implements Storage.
func (m *Mem) Delete(ctx context.Context, name string) error {
	if _, err := m.get(ctx, "mem delete", name); err != nil {
		return err
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.objects[name]; !ok {
		return fmt.Errorf("mem delete %s: %w", name, ErrNotFound)
	}
	delete(m.objects, name)
	return nil
}

// get checks name and ctx, then returns the object name.
func (m *Mem) get(ctx context.Context, op, name string) (memObject, error) {
	if err := checkName(op, name); err != nil {
		return memObject{}, err
	}
	if err := ctx.Err(); err != nil {
		return memObject{}, fmt.Errorf("%s %s: %w", op, name, err)
	}
	m.mu.Lock()
	obj, ok := m.objects[name]
	m.mu.Unlock()
	if !ok {
		return memObject{}, fmt.Errorf("%s %s: %w", op, name, ErrNotFound)
	}
	return obj, nil
}

// Close implements Storage.
func (m *Mem) Close() error { return nil }
