package browse

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"coffre/engine/index"
)

// Kinds of an Item.
const (
	KindDir     = "dir"
	KindFile    = "file"
	KindSymlink = "symlink"
)

// Item is one path of a backup's webspace tree.
type Item struct {
	Name   string `json:"name"`             // the last component; the subscription's domain at the top
	Path   string `json:"path"`             // "<domain>" or "<domain>/<rel>", slash separated
	Kind   string `json:"kind"`             // KindDir, KindFile or KindSymlink
	Size   int64  `json:"size"`             // bytes of a file's content
	MTime  int64  `json:"mtime"`            // seconds since the Unix epoch
	Link   string `json:"link,omitempty"`   // a symlink's target
	Holder string `json:"holder,omitempty"` // the backup whose archive holds a file's content
	Count  int    `json:"count,omitempty"`  // a folder's direct entries
}

// Tree is a compact listing of the webspace files of one backup's index (the chain resolved:
// each path as of that backup). It is read-only once built and safe for concurrent use.
type Tree struct {
	name     []string // last component of each node
	parent   []int32  // -1 for the top (a subscription's webspace root)
	kind     []byte
	size     []int64
	mtime    []int64
	link     map[int32]string
	holder   []uint16
	holders  []string
	children map[int32][]int32 // directories' entries, in name order
	tops     []int32
	cost     int64
}

// ErrNotFound is returned for a path the backup does not hold.
var ErrNotFound = errors.New("not in the backup")

// maxHolders bounds the distinct holders a Tree records (a chain is far shorter).
const maxHolders = 65535

// entrySource yields index entries; io.EOF at the end (manifest.IndexReader is one).
type entrySource interface {
	Next() (index.Entry, error)
}

// ErrTooLarge is returned by Build for a tree over its bound.
var ErrTooLarge = errors.New("tree over its memory bound")

// Build reads an index to its end and keeps its files/ entries; it stops with ErrTooLarge once
// the Tree would cost more than maxCost bytes (0: no bound).
func Build(ctx context.Context, src entrySource, maxCost int64) (*Tree, error) {
	t := &Tree{link: map[int32]string{}, children: map[int32][]int32{}}
	holders := map[string]uint16{}
	var stack []int32 // the directories open along the current path
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if maxCost > 0 && t.cost > maxCost {
			return nil, ErrTooLarge
		}
		e, err := src.Next()
		if err == io.EOF {
			return t, nil
		}
		if err != nil {
			return nil, err
		}
		domain, rel, ok := index.SplitPath(e.Path)
		if !ok {
			continue
		}
		depth := 0
		if rel != "" {
			depth = strings.Count(rel, "/") + 1
		}
		if depth > len(stack) {
			return nil, fmt.Errorf("browse: %q has no parent folder in the index: %w", e.Path, index.ErrCorrupt)
		}
		stack = stack[:depth]
		name := domain
		if rel != "" {
			name = rel[strings.LastIndexByte(rel, '/')+1:]
		}
		id, err := t.add(e, name, stack, holders)
		if err != nil {
			return nil, err
		}
		if e.Type == index.Dir {
			stack = append(stack, id)
		}
	}
}

func (t *Tree) add(e index.Entry, name string, stack []int32, holders map[string]uint16) (int32, error) {
	id := int32(len(t.name))
	parent := int32(-1)
	if len(stack) > 0 {
		parent = stack[len(stack)-1]
		t.children[parent] = append(t.children[parent], id)
	} else {
		t.tops = append(t.tops, id)
	}
	h, ok := holders[e.Holder]
	if !ok {
		if len(t.holders) >= maxHolders {
			return 0, fmt.Errorf("browse: too many holders: %w", index.ErrCorrupt)
		}
		h = uint16(len(t.holders))
		holders[e.Holder] = h
		t.holders = append(t.holders, e.Holder)
	}
	t.name = append(t.name, name)
	t.parent = append(t.parent, parent)
	t.kind = append(t.kind, kindOf(e.Type))
	t.size = append(t.size, e.Size)
	t.mtime = append(t.mtime, e.MTime)
	t.holder = append(t.holder, h)
	t.cost += int64(len(name)) + 48
	if e.Type == index.Symlink {
		t.link[id] = e.Link
		t.cost += int64(len(e.Link)) + 32
	}
	return id, nil
}

func kindOf(t index.Type) byte {
	switch t {
	case index.Dir:
		return 'd'
	case index.Symlink:
		return 'l'
	}
	return 'f' // files, hard links and refs are all files to the user
}

// Cost is an estimate of the Tree's memory, in bytes.
func (t *Tree) Cost() int64 { return t.cost + 64 }

// Len is the number of paths in the Tree.
func (t *Tree) Len() int { return len(t.name) }

func (t *Tree) item(id int32) Item {
	it := Item{Name: t.name[id], Path: t.path(id), Size: t.size[id], MTime: t.mtime[id] / 1e9}
	switch t.kind[id] {
	case 'd':
		it.Kind, it.Count = KindDir, len(t.children[id])
	case 'l':
		it.Kind, it.Link = KindSymlink, t.link[id]
	default:
		it.Kind, it.Holder = KindFile, t.holders[t.holder[id]]
	}
	return it
}

func (t *Tree) path(id int32) string {
	var parts []string
	for ; id >= 0; id = t.parent[id] {
		parts = append(parts, t.name[id])
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, "/")
}

// find returns the node of path ("<domain>[/<rel>]").
func (t *Tree) find(path string) (int32, bool) {
	parts := strings.Split(path, "/")
	level := t.tops
	id := int32(-1)
	for _, p := range parts {
		i, ok := t.search(level, p)
		if !ok {
			return 0, false
		}
		id = i
		level = t.children[id]
	}
	return id, id >= 0
}

// search finds name among ids, which are in index (name) order.
func (t *Tree) search(ids []int32, name string) (int32, bool) {
	lo, hi := 0, len(ids)
	for lo < hi {
		m := (lo + hi) / 2
		if index.Compare(t.name[ids[m]], name) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(ids) && t.name[ids[lo]] == name {
		return ids[lo], true
	}
	return 0, false
}
