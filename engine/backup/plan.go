package backup

import (
	"coffre/engine/index"
	"coffre/engine/scan"
)

// sub is one tree to back up: a subscription's webspace, or a mailbox's Maildir.
type sub struct {
	domain string
	root   string
	prefix string // the tree's index path: "files/<domain>" or "mail/<domain>/<address>"
	mail   bool
	top    scan.Entry // the root as the walk saw it
	// messages counts the Maildir messages planned (for the mailbox's record when the plan
	// is the index).
	messages int64
}

// planner makes the plan: it walks each tree and, as it goes, compares each path with the
// parent's index read alongside (both in index order), and writes the new state's index
// entries, each with the backup that holds it, to a temporary index (the plan). Nothing is
// held per path: memory does not grow with the number of paths.
type planner struct {
	name   string // the new backup: the holder of what it stores
	parent *cursor
	plan   *spill
	reads  reads
	files  int64   // entries to store (files, folders, links), as the manifest's Files counts them
	bytes  int64   // the bytes of the regular files among them
	data   int64   // what of bytes is data, not holes of sparse files: what the archive holds
	kept   written // what writing the archive finds when it stores nothing (see direct)
	links  links
	// messages are the parent's Maildir messages of the mailbox being walked, by unique name.
	messages map[string]index.Entry
}

// add plans the path e of sub s.
func (p *planner) add(s *sub, e *scan.Entry) error {
	ie := indexEntryOf(s, e)
	g, later := p.links.group(e, ie.Path)
	if later {
		ie.Type, ie.Link = index.Hardlink, g.path
	}
	pe := p.parent.find(ie.Path)
	switch {
	case later && g.stored:
		ie.Holder = p.name
	case pe != nil && sameState(pe, &ie):
		ie.Holder = pe.Holder
		if ie.Type == index.File {
			ie.Offset = pe.Offset
		}
		if pe.Type == index.Ref {
			ie.Type, ie.Link = index.Ref, pe.Link
		}
	case later && !g.ref:
		// A new or changed name of a group whose first name is unchanged: its content is
		// that name's, in the archive that holds it.
		ie.Holder = g.holder
	case later:
		// The first name's content is kept under another path (a Maildir message renamed):
		// this name is stored as a file of its own.
		ie.Type, ie.Link, ie.Holder = index.File, "", p.name
	default:
		if ref, ok := p.renamed(s, e); ok {
			ie.Type, ie.Link, ie.Holder = index.Ref, contentPath(&ref), ref.Holder
		} else {
			ie.Holder = p.name
		}
	}
	if g != nil && !later {
		g.holder, g.stored, g.ref = ie.Holder, ie.Holder == p.name && ie.Type == index.File, ie.Type == index.Ref
	}
	if ie.Holder == p.name && ie.Type != index.Ref {
		p.files++
		if ie.Type == index.File {
			p.bytes += ie.Size
			p.data += min(ie.Size, e.Alloc)
		}
	}
	p.tally(s, &ie)
	if err := p.reads.add(&ie, ie.Holder == p.name); err != nil {
		return err
	}
	return p.plan.w.Add(&ie)
}

// tally counts ie as filesWriter.keep does.
func (p *planner) tally(s *sub, ie *index.Entry) {
	p.kept.indexed++
	if !s.mail && ie.Type == index.File {
		p.kept.webFiles++
		p.kept.webBytes += ie.Size
	}
	if s.mail && (ie.Type == index.File || ie.Type == index.Ref) && index.MessageKey(relTo(ie.Path, s.prefix)) != "" {
		s.messages++
	}
}

// indexEntryOf is the index record of the path e of s, without its holder.
func indexEntryOf(s *sub, e *scan.Entry) index.Entry {
	ie := index.Entry{Path: join(s.prefix, e.Rel), Type: e.Type, Mode: e.Mode, UID: e.UID, GID: e.GID,
		MTime: e.MTime, CTime: e.CTime, Ino: e.Ino}
	switch e.Type {
	case index.File:
		ie.Size = e.Size
	case index.Symlink:
		ie.Link = e.Link
	}
	return ie
}

func join(prefix, rel string) string {
	if rel == "" {
		return prefix
	}
	return prefix + "/" + rel
}

// maxLinkGroups bounds the hard-link groups a walk keeps track of at once (about 150 bytes
// each): a group is forgotten once all its names were seen. Past the bound, a file's later
// names are stored as files of their own (the content twice, restored as separate files):
// nothing is lost, and a tenant's hard links cannot grow the backup's memory.
var maxLinkGroups = 100_000

// links finds the later names of a file with several hard links within one tree.
type links map[[2]uint64]*linkGroup

type linkGroup struct {
	path   string // the index path of its first name
	holder string // the backup holding the first name's content
	stored bool   // by this backup
	ref    bool   // the first name is an index.Ref
	left   uint64 // names not seen yet
}

// group returns the group of e, a regular file with several names (nil otherwise), and
// whether e is a later name of it.
func (l *links) group(e *scan.Entry, path string) (*linkGroup, bool) {
	if e.Type != index.File || e.Nlink < 2 {
		return nil, false
	}
	key := [2]uint64{e.Dev, e.Ino}
	if g, ok := (*l)[key]; ok {
		if g.left--; g.left == 0 {
			delete(*l, key)
		}
		return g, true
	}
	if *l == nil {
		*l = links{}
	}
	if len(*l) >= maxLinkGroups {
		return nil, false
	}
	g := &linkGroup{path: path, left: e.Nlink - 1}
	(*l)[key] = g
	return g, false
}
