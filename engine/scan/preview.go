package scan

import (
	"context"

	"coffre/engine/index"
)

// LeftOut calls fn, in index order, with every entry under root that the exclusions of o
// leave out of a backup (an excluded directory and its whole subtree), until fn returns false.
// Nothing is read but directories and file attributes.
//
// The rule is Walk's own, never restated: LeftOut walks root once without exclusions and once
// with o, and reports what the first walk found and the second did not. A path created or
// removed between the two walks may be misreported. Memory and time are those of two Walks;
// ctx bounds them. o.Warn is not called.
func LeftOut(ctx context.Context, root string, o Options, fn func(Entry) bool) error {
	all, err := Walk(ctx, root, Options{})
	if err != nil {
		return err
	}
	o.Warn = nil
	kept, err := Walk(ctx, root, o)
	if err != nil {
		return err
	}
	j := 0
	for _, e := range all {
		for j < len(kept) && index.Compare(kept[j].Rel, e.Rel) < 0 {
			j++
		}
		if j < len(kept) && kept[j].Rel == e.Rel {
			j++
			continue
		}
		if !fn(e) {
			return nil
		}
	}
	return nil
}
