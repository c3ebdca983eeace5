package scan

import (
	"context"

	"coffre/engine/index"
)

// LeftOut calls fn, in index order, with every entry under root that the exclusions of o
// leave out of a backup (an excluded directory and then its whole subtree), until fn returns
// false. Nothing is read but directories and file attributes.
//
// The rule is Walk's own (Options.Excluded): LeftOut walks root once without exclusions, with
// o.Owner, and passes on what o excludes. Memory and time are those of one Walk of the whole
// tree; ctx bounds them. o.Warn is not called.
func LeftOut(ctx context.Context, root string, o Options, fn func(Entry) bool) error {
	all, err := Walk(ctx, root, Options{Owner: o.Owner})
	if err != nil {
		return err
	}
	// all[0] is the root, never left out; cut is the left-out directory whose subtree is being
	// passed, or "".
	cut := ""
	for _, e := range all[1:] {
		if cut == "" || !isUnder(e.Rel, cut) {
			cut = ""
			if !o.Excluded(e.Rel, e.Type == index.Dir) {
				continue
			}
			if e.Type == index.Dir {
				cut = e.Rel
			}
		}
		if !fn(e) {
			return nil
		}
	}
	return nil
}
