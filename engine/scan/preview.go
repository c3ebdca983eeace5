package scan

import (
	"context"
	"errors"

	"coffre/engine/index"
)

// LeftOut calls fn, in index order, with every entry under root that the exclusions of o
// leave out of a backup (an excluded directory and then its whole subtree), until fn returns
// false. Nothing is read but directories and file attributes.
//
// The rule is Walk's own (Options.Excluded): LeftOut streams root once without exclusions,
// with o.Owner, and passes on what o excludes. Time is that of one walk of the whole tree,
// memory is bounded (Stream); ctx bounds them. o.Warn is not called.
func LeftOut(ctx context.Context, root string, o Options, fn func(Entry) bool) error {
	// cut is the left-out directory whose subtree is being passed, or "".
	cut := ""
	err := Stream(ctx, root, Options{Owner: o.Owner}, func(e *Entry) error {
		if e.Rel == "" { // the root, never left out
			return nil
		}
		if cut == "" || !isUnder(e.Rel, cut) {
			cut = ""
			if !o.Excluded(e.Rel, e.Type == index.Dir) {
				return nil
			}
			if e.Type == index.Dir {
				cut = e.Rel
			}
		}
		if !fn(*e) {
			return errStop
		}
		return nil
	})
	if errors.Is(err, errStop) {
		return nil
	}
	return err
}

var errStop = errors.New("stop")
