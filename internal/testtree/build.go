package testtree

import (
	"io/fs"
	"testing"
	"time"
)

// Kind is what an Item makes.
type Kind int

// The kinds of Item; the zero Kind is a regular file.
const (
	File     Kind = iota
	Dir           // a directory
	Symlink       // a symlink to Link
	HardLink      // a hard link to the Item path Link, which must come before
)

// Item is one path of a declarative tree.
type Item struct {
	Path  string // slash path relative to the root
	Kind  Kind
	Data  string      // files
	Link  string      // symlinks and hard links
	Mode  fs.FileMode // files and directories; 0 means 0644 (files) or 0755 (directories)
	MTime time.Time   // zero means Recent; hard links keep their inode's
}

// Build makes items under root, in order, and returns the Builder, Done already called.
func Build(t testing.TB, root string, items []Item) *Builder {
	t.Helper()
	b := New(t, root)
	for _, it := range items {
		mt := it.MTime
		if mt.IsZero() {
			mt = Recent
		}
		switch it.Kind {
		case File:
			b.File(it.Path, it.Data, orDefault(it.Mode, 0o644), mt)
		case Dir:
			b.Dir(it.Path, orDefault(it.Mode, 0o755), mt)
		case Symlink:
			b.Symlink(it.Path, it.Link, mt)
		case HardLink:
			b.Link(it.Link, it.Path)
		}
	}
	b.Done()
	return b
}

func orDefault(m, def fs.FileMode) fs.FileMode {
	if m == 0 {
		return def
	}
	return m
}
