package browse

import (
	"fmt"
	"strings"
)

// MaxLimit bounds the items of one page and of one search.
const MaxLimit = 1000

// Page is a part of a folder's listing.
type Page struct {
	Path   string `json:"path"`   // the folder listed; "" for the top (the subscriptions)
	Total  int    `json:"total"`  // entries of the folder
	Offset int    `json:"offset"` // the first item's position
	Items  []Item `json:"items"`  // in name order
}

// Lookup describes one path.
func (t *Tree) Lookup(path string) (Item, error) {
	id, ok := t.find(strings.Trim(path, "/"))
	if !ok {
		return Item{}, fmt.Errorf("%s: %w", path, ErrNotFound)
	}
	return t.item(id), nil
}

// List returns limit entries (at most MaxLimit) of folder path from offset: "" lists the
// subscriptions.
func (t *Tree) List(path string, offset, limit int) (Page, error) {
	path = strings.Trim(path, "/")
	ids := t.tops
	if path != "" {
		id, ok := t.find(path)
		if !ok {
			return Page{}, fmt.Errorf("%s: %w", path, ErrNotFound)
		}
		if t.kind[id] != 'd' {
			return Page{}, fmt.Errorf("%s is not a folder: %w", path, ErrNotFound)
		}
		ids = t.children[id]
	}
	limit = min(max(limit, 1), MaxLimit)
	offset = min(max(offset, 0), len(ids))
	p := Page{Path: path, Total: len(ids), Offset: offset, Items: []Item{}}
	for _, id := range ids[offset:min(offset+limit, len(ids))] {
		p.Items = append(p.Items, t.item(id))
	}
	return p, nil
}

// Found is the answer to a search.
type Found struct {
	Items []Item `json:"items"` // in tree order
	More  bool   `json:"more"`  // more paths match than were returned
}

// Search returns up to limit paths (at most MaxLimit) whose name contains q, case-insensitively,
// in tree order.
func (t *Tree) Search(q string, limit int) Found {
	q = strings.ToLower(q)
	limit = min(max(limit, 1), MaxLimit)
	f := Found{Items: []Item{}}
	if q == "" {
		return f
	}
	for id := range t.name {
		if !containsFold(t.name[id], q) {
			continue
		}
		if len(f.Items) == limit {
			f.More = true
			break
		}
		f.Items = append(f.Items, t.item(int32(id)))
	}
	return f
}

// containsFold reports whether s contains lower (already lower case), ASCII case-insensitively
// without allocating for an ASCII name.
func containsFold(s, lower string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return strings.Contains(strings.ToLower(s), lower)
		}
	}
	n := len(lower)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for j < n && toLower(s[i+j]) == lower[j] {
			j++
		}
		if j == n {
			return true
		}
	}
	return false
}

func toLower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
