package browse

import (
	"context"
	"fmt"
	"io"
	"strings"

	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/storage"
)

// Listing answers the Contents page's questions about one backup: from its Tree in memory, or,
// for a backup whose Tree would not fit the cache's bound, by reading its index again for each
// question, keeping only the answer (memory bounded whatever the number of paths).
type Listing struct {
	tree *Tree
	st   storage.Storage
	m    manifest.Manifest
}

// Streamed reports whether the Listing reads the index for each call.
func (l *Listing) Streamed() bool { return l.tree == nil }

// List is Tree.List.
func (l *Listing) List(ctx context.Context, path string, offset, limit int) (Page, error) {
	if l.tree != nil {
		return l.tree.List(path, offset, limit)
	}
	return l.streamList(ctx, strings.Trim(path, "/"), min(max(offset, 0), 1<<40), min(max(limit, 1), MaxLimit))
}

// Search is Tree.Search.
func (l *Listing) Search(ctx context.Context, q string, limit int) (Found, error) {
	if l.tree != nil {
		return l.tree.Search(q, limit), nil
	}
	q, limit = strings.ToLower(q), min(max(limit, 1), MaxLimit)
	f := Found{Items: []Item{}}
	if q == "" {
		return f, nil
	}
	err := l.each(ctx, func(p string, e *index.Entry) bool {
		if !containsFold(p[strings.LastIndexByte(p, '/')+1:], q) {
			return true
		}
		if len(f.Items) == limit {
			f.More = true
			return false
		}
		f.Items = append(f.Items, itemOf(p, e))
		return true
	})
	return f, err
}

// Lookup is Tree.Lookup.
func (l *Listing) Lookup(ctx context.Context, path string) (Item, error) {
	if l.tree != nil {
		return l.tree.Lookup(path)
	}
	path = strings.Trim(path, "/")
	var it *Item
	err := l.each(ctx, func(p string, e *index.Entry) bool {
		switch {
		case it == nil && p == path:
			i := itemOf(p, e)
			it = &i
			return it.Kind == KindDir // a folder's entries follow it: count them
		case it == nil:
			return true
		case !strings.HasPrefix(p, path+"/"):
			return false
		case parentPath(p) == path:
			it.Count++
		}
		return true
	})
	if err == nil && it == nil {
		err = fmt.Errorf("%s: %w", path, ErrNotFound)
	}
	if err != nil {
		return Item{}, err
	}
	return *it, nil
}

func (l *Listing) streamList(ctx context.Context, path string, offset, limit int) (Page, error) {
	p := Page{Path: path, Offset: offset, Items: []Item{}}
	dirs := map[string]int{} // folders listed on the page -> their item
	found := path == ""
	err := l.each(ctx, func(q string, e *index.Entry) bool {
		if q == path {
			found = e.Type == index.Dir
		}
		parent := parentPath(q)
		if parent == path && q != path {
			if p.Total >= offset && len(p.Items) < limit {
				if e.Type == index.Dir {
					dirs[q] = len(p.Items)
				}
				p.Items = append(p.Items, itemOf(q, e))
			}
			p.Total++
		} else if i, ok := dirs[parent]; ok {
			p.Items[i].Count++
		}
		return true
	})
	if err == nil && !found {
		err = fmt.Errorf("%s: %w", path, ErrNotFound)
	}
	if err != nil {
		return Page{}, err
	}
	p.Offset = min(offset, p.Total)
	return p, nil
}

// each calls fn with each files/ entry of the index, as "<domain>[/<rel>]", until fn returns
// false; the index is read to its end (and checked) otherwise.
func (l *Listing) each(ctx context.Context, fn func(p string, e *index.Entry) bool) error {
	ir, err := manifest.OpenIndex(ctx, l.st, l.m)
	if err != nil {
		return err
	}
	defer ir.Close()
	for n := 0; ; n++ {
		if n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		e, err := ir.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		if rest, ok := strings.CutPrefix(e.Path, "files/"); ok && !fn(rest, &e) {
			return nil
		}
	}
}

func parentPath(p string) string {
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		return p[:i]
	}
	return ""
}

func itemOf(p string, e *index.Entry) Item {
	it := Item{Name: p[strings.LastIndexByte(p, '/')+1:], Path: p, Size: e.Size, MTime: e.MTime / 1e9}
	switch kindOf(e.Type) {
	case 'd':
		it.Kind = KindDir
	case 'l':
		it.Kind, it.Link = KindSymlink, e.Link
	default:
		it.Kind, it.Holder = KindFile, e.Holder
	}
	return it
}
