package backup

import (
	"coffre/engine/index"
	"coffre/engine/scan"
)

// sub is one scanned tree: a subscription's webspace, or a mailbox's Maildir.
type sub struct {
	domain  string
	root    string
	prefix  string // the tree's index path: "files/<domain>" or "mail/<domain>/<address>"
	mail    bool
	entries []scan.Entry
}

// item is one path of the new backup's state.
type item struct {
	sub    int
	e      *scan.Entry
	store  bool   // this backup's archive holds it
	holder string // the backup that holds it
	ref    string // a Maildir message held by holder under this other path (an index.Ref)
	drop   bool   // could not be read: left out of this backup
	off    int64  // a file's entry in its holder's archive (index.Entry.Offset); 0 unknown
}

// plan is what a backup captures and what it stores, in index order.
type plan struct {
	name  string
	subs  []sub
	items []item
	files int64 // entries to store (files, folders, links), as the manifest's Files counts them
	bytes int64 // the bytes of the regular files among them
	// messages are the parent's Maildir messages by mailbox and unique name (see renamed).
	messages map[string]*index.Entry
	frames   []index.Frame // the archive's frame table, once it is written
}

func newPlan(name string, subs []sub) *plan {
	p := &plan{name: name, subs: subs}
	for s := range subs {
		for i := range subs[s].entries {
			p.items = append(p.items, item{sub: s, e: &subs[s].entries[i]})
		}
	}
	return p
}

// diff decides what to store, against the parent's index (nil for a full backup): a path is
// stored when it is new or its type, size, mtime, mode, owner or link changed; otherwise it
// keeps the parent's holder. A hard-link group is stored whole if any of its names is.
func (p *plan) diff(parent []index.Entry) {
	j := 0
	changedGroups := map[string]bool{}
	for i := range p.items {
		it := &p.items[i]
		ie := p.indexEntry(it)
		for j < len(parent) && index.Compare(parent[j].Path, ie.Path) < 0 {
			j++
		}
		if j < len(parent) && parent[j].Path == ie.Path && sameState(&parent[j], &ie) {
			it.holder, it.off = parent[j].Holder, parent[j].Offset
			if parent[j].Type == index.Ref {
				it.ref = parent[j].Link
			}
		} else if ref, ok := p.renamed(it, parent); ok {
			it.holder, it.ref = ref.Holder, contentPath(ref)
		} else {
			it.store, it.holder = true, p.name
			if g := p.group(it); g != "" {
				changedGroups[g] = true
			}
		}
	}
	p.storeGroups(changedGroups)
	p.count()
}

// group is the index path of the hard-link group it belongs to, or "".
func (p *plan) group(it *item) string {
	switch {
	case it.e.Type == index.Hardlink:
		return p.linkPath(it)
	case it.e.Type == index.File && it.e.Nlink > 1:
		return p.path(it)
	}
	return ""
}

func (p *plan) storeGroups(changed map[string]bool) {
	if len(changed) == 0 {
		return
	}
	for i := range p.items {
		it := &p.items[i]
		if g := p.group(it); g != "" && changed[g] {
			it.store, it.holder = true, p.name
		}
	}
}

func (p *plan) count() {
	p.files, p.bytes = 0, 0
	for i := range p.items {
		if it := &p.items[i]; it.store {
			p.files++
			if it.e.Type == index.File {
				p.bytes += it.e.Size
			}
		}
	}
}

// path is the index path of it, "<prefix>[/<rel>]" (built when needed: a plan of many paths
// keeps only the relative ones).
func (p *plan) path(it *item) string {
	return join(p.subs[it.sub].prefix, it.e.Rel)
}

// linkPath is the index path of a hard link's first name.
func (p *plan) linkPath(it *item) string {
	return join(p.subs[it.sub].prefix, it.e.Link)
}

func join(prefix, rel string) string {
	if rel == "" {
		return prefix
	}
	return prefix + "/" + rel
}

// indexEntry is the index record of it.
func (p *plan) indexEntry(it *item) index.Entry {
	e := it.e
	ie := index.Entry{Path: p.path(it), Type: e.Type, Mode: e.Mode, UID: e.UID, GID: e.GID,
		MTime: e.MTime, Holder: it.holder}
	switch {
	case it.ref != "":
		ie.Type, ie.Size, ie.Link = index.Ref, e.Size, it.ref
	case e.Type == index.File:
		ie.Size, ie.Offset = e.Size, it.off
	case e.Type == index.Hardlink:
		ie.Size, ie.Link = e.Size, p.linkPath(it)
	case e.Type == index.Symlink:
		ie.Link = e.Link
	}
	return ie
}
