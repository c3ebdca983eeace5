package rules

import (
	"strings"

	"coffre/engine/index"
)

// IndexChecker checks the records of one index, given in index order. Besides Path, each record
// must sit in a directory of the index (so nothing is ever written under a symlink or a file
// of the backup), a subscription's top must be a directory, a symlink must have a target, and a
// hard link must name a file listed before it (its content then comes from the archive, never
// from outside it). Not safe for concurrent use.
type IndexChecker struct {
	dirs  []string // the directories enclosing the last record, outermost first
	last  index.Entry
	files *fileSet // the files seen, which hard links may name
}

// NewIndexChecker returns a checker for one index.
func NewIndexChecker() *IndexChecker {
	return &IndexChecker{files: newFileSet()}
}

// Check checks the next record. The error is an *Error naming it; the checker stays usable, so
// that a caller may go on and list every problem (a record refused is not a directory nor a
// file that later records may use).
func (c *IndexChecker) Check(e index.Entry) (err error) {
	for len(c.dirs) > 0 && !strings.HasPrefix(e.Path, c.dirs[len(c.dirs)-1]+"/") {
		c.dirs = c.dirs[:len(c.dirs)-1]
	}
	defer func() {
		c.last = e
		switch {
		case err != nil:
		case e.Type == index.Dir:
			c.dirs = append(c.dirs, e.Path)
		case e.Type == index.File:
			c.files.add(e.Path)
		}
	}()
	if err := Path(e.Path); err != nil {
		return err
	}
	if err := c.place(e); err != nil {
		return err
	}
	switch e.Type {
	case index.Dir, index.File:
	case index.Symlink:
		if e.Link == "" || strings.IndexByte(e.Link, 0) >= 0 {
			return broken(e.Path, "symlink with an empty target or a NUL byte in it")
		}
	case index.Hardlink:
		return c.hardlink(e)
	case index.Ref:
		return checkRef(e)
	default:
		return broken(e.Path, "unknown type %q", e.Type)
	}
	return nil
}

// place checks that e is a subscription's top directory, or sits in a directory of the index.
func (c *IndexChecker) place(e index.Entry) error {
	if depth(e.Path) == topDepth(e.Path) {
		if e.Type != index.Dir {
			return broken(e.Path, "a webspace's or mailbox's top that is not a directory")
		}
		return nil
	}
	parent := parentOf(e.Path)
	if len(c.dirs) > 0 && c.dirs[len(c.dirs)-1] == parent {
		return nil
	}
	if c.last.Path == parent {
		return broken(e.Path, "under %q, which the backup holds as a %s, not a directory", parent, typeName(c.last.Type))
	}
	return broken(e.Path, "its directory %q is not in the backup", parent)
}

func (c *IndexChecker) hardlink(e index.Entry) error {
	if err := Path(e.Link); err != nil {
		return broken(e.Path, "hard link to %q, not a path of the backup", e.Link)
	}
	if !c.files.has(e.Link) || index.Compare(e.Link, e.Path) >= 0 {
		return broken(e.Path, "hard link to %q, which is not a file listed before it", e.Link)
	}
	return nil
}

// checkRef checks a file whose content an archive of the chain keeps under another path: a path of
// the same mailbox (a Maildir message renamed for a flag change), never one of another place.
func checkRef(e index.Entry) error {
	if err := Path(e.Link); err != nil || top(e.Link) != top(e.Path) || !strings.HasPrefix(e.Path, "mail/") {
		return broken(e.Path, "content kept under %q, not a path of the same mailbox", e.Link)
	}
	if e.Holder == "" {
		return broken(e.Path, "content kept under %q in no backup", e.Link)
	}
	return nil
}

func typeName(t index.Type) string {
	switch t {
	case index.File:
		return "file"
	case index.Symlink:
		return "symlink"
	case index.Hardlink:
		return "hard link"
	case index.Ref:
		return "file"
	}
	return "directory"
}
