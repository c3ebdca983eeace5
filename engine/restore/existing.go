package restore

import (
	"errors"
	"io/fs"

	"coffre/engine/index"
	"coffre/engine/spec"
)

// state is what a destination holds at an entry's path, against the entry.
type state int

const (
	absent    state = iota // nothing there: the entry is added
	same                   // the same type, size and time: rewritten as it is
	differs                // something else: replaced
	keptThere              // left as it is by the request's Existing mode
)

// stateOf tells what the destination holds at e's path, and whether mode keeps it.
func (ds *dests) stateOf(e index.Entry, mode string) (state, error) {
	d := ds.of(e.Path)
	if d == nil || d.root == nil {
		return absent, nil
	}
	fi, err := d.root.Lstat(d.rel(e.Path))
	if errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) {
		return absent, nil // ErrInvalid: a parent is not a folder, replaced by the restore
	}
	if err != nil {
		return absent, err
	}
	switch {
	case mode == spec.ExistingMissing:
		return keptThere, nil
	case mode == spec.ExistingNewer && (fi.IsDir() || fi.ModTime().UnixNano() > e.MTime):
		return keptThere, nil
	}
	if !sameType(e.Type, fi.Mode()) {
		return differs, nil
	}
	switch e.Type {
	case index.Dir:
		return same, nil
	case index.Symlink:
		if target, err := d.root.Readlink(d.rel(e.Path)); err == nil && target == e.Link {
			return same, nil
		}
		return differs, nil
	}
	if fi.Size() == e.Size && fi.ModTime().UnixNano() == e.MTime {
		return same, nil
	}
	return differs, nil
}

func sameType(t index.Type, m fs.FileMode) bool {
	switch t {
	case index.Dir:
		return m.IsDir()
	case index.Symlink:
		return m.Type() == fs.ModeSymlink
	}
	return m.IsRegular()
}

// keeps reports whether the request's Existing mode leaves what the destination holds at e's
// path as it is (newer, missing), counting it; overwrite keeps nothing.
func (r *run) keeps(e *index.Entry) (bool, error) {
	mode := r.o.Spec.ExistingMode()
	if mode == spec.ExistingOverwrite {
		return false, nil
	}
	st, err := r.ds.stateOf(*e, mode)
	if err != nil || st != keptThere {
		return false, err
	}
	if e.Type != index.Dir {
		r.keptThere++
	}
	return true, nil
}
