package browse

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"sync"

	"coffre/engine/manifest"
	"coffre/engine/storage"
)

// Cache keeps the Trees of the backups browsed last, within a bound in bytes: a Tree larger
// than the bound is built for each call and never kept. Safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	max   int64
	used  int64
	ll    *list.List // of *cached, most recent first
	byKey map[string]*list.Element
	gate  sync.Mutex // one build at a time: two large trees never sit in memory half-built
}

type cached struct {
	key  string
	tree *Tree
}

// NewCache returns a Cache that holds at most maxBytes of Trees.
func NewCache(maxBytes int64) *Cache {
	return &Cache{max: maxBytes, ll: list.New(), byKey: map[string]*list.Element{}}
}

// Listing returns the Listing of backup m in st: its Tree, from the cache or built from its
// index (checked against m); or, when the Tree would exceed the cache's bound, a Listing that
// reads the index for each call. The key is the index's SHA-256, which the manifest names: a
// backup replaced in the storage is read again.
func (c *Cache) Listing(ctx context.Context, st storage.Storage, m manifest.Manifest) (*Listing, error) {
	t, err := c.Tree(ctx, st, m)
	if errors.Is(err, ErrTooLarge) {
		return &Listing{st: st, m: m}, nil
	}
	if err != nil {
		return nil, err
	}
	return &Listing{tree: t}, nil
}

// Tree is the Tree of backup m, from the cache or built; ErrTooLarge over the cache's bound.
func (c *Cache) Tree(ctx context.Context, st storage.Storage, m manifest.Manifest) (*Tree, error) {
	key := m.Name + "\x00" + m.Index.SHA256
	if t := c.get(key); t != nil {
		return t, nil
	}
	c.gate.Lock()
	defer c.gate.Unlock()
	if t := c.get(key); t != nil {
		return t, nil
	}
	ir, err := manifest.OpenIndex(ctx, st, m)
	if err != nil {
		return nil, err
	}
	defer ir.Close()
	t, err := Build(ctx, ir, c.max)
	if errors.Is(err, ErrTooLarge) {
		return nil, err
	}
	if err != nil {
		return nil, fmt.Errorf("index of %s: %w", m.Name, err)
	}
	c.put(key, t)
	return t, nil
}

func (c *Cache) get(key string) *Tree {
	c.mu.Lock()
	defer c.mu.Unlock()
	if el, ok := c.byKey[key]; ok {
		c.ll.MoveToFront(el)
		return el.Value.(*cached).tree
	}
	return nil
}

func (c *Cache) put(key string, t *Tree) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if t.Cost() > c.max {
		return
	}
	c.byKey[key] = c.ll.PushFront(&cached{key: key, tree: t})
	c.used += t.Cost()
	for c.used > c.max {
		el := c.ll.Back()
		old := el.Value.(*cached)
		c.ll.Remove(el)
		delete(c.byKey, old.key)
		c.used -= old.tree.Cost()
	}
}

// Used is the bytes of Trees the cache holds.
func (c *Cache) Used() int64 {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.used
}
