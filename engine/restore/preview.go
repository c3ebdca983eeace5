package restore

import (
	"context"
	"fmt"

	"coffre/engine/index"
	"coffre/engine/spec"
)

// PreviewLimit is how many paths a Preview lists of each kind.
const PreviewLimit = 20

// Preview is what a restore would do, found without writing anything. Counts are of files,
// symlinks and new folders (folders that exist are not counted); paths are archive paths
// ("files/<domain>/<rel>", "mail/..."), the first PreviewLimit of each kind in index order.
type Preview struct {
	Backup   string `json:"backup"`
	Existing string `json:"existing"`
	// Added did not exist; Replaced exist and differ; Unchanged exist as the backup has them
	// (rewritten all the same); Kept exist and stay as they are (Existing newer or missing);
	// Removed are below the restored folders but not in the backup (overwrite only).
	Added         int64    `json:"added"`
	Replaced      int64    `json:"replaced"`
	Unchanged     int64    `json:"unchanged"`
	Kept          int64    `json:"kept"`
	Removed       int64    `json:"removed"`
	AddedPaths    []string `json:"addedPaths,omitempty"`
	ReplacedPaths []string `json:"replacedPaths,omitempty"`
	KeptPaths     []string `json:"keptPaths,omitempty"`
	RemovedPaths  []string `json:"removedPaths,omitempty"`
	Bytes         int64    `json:"bytes"` // content the restore would write
	// Subscriptions whose files, Mailboxes whose mail, Databases (by the name they get) are
	// restored; Targets are the folders written below.
	Subscriptions []string `json:"subscriptions,omitempty"`
	Mailboxes     []string `json:"mailboxes,omitempty"`
	Databases     []string `json:"databases,omitempty"`
	Targets       []string `json:"targets,omitempty"`
}

// RunPreview plans the restore that Run would do with opts and compares it with what the
// destinations hold, writing nothing: the chain and the index are checked as Run checks
// them, the volumes are not read.
func RunPreview(ctx context.Context, opts Options) (Preview, error) {
	o := opts.withDefaults()
	r := &run{o: o, prog: &progress{fn: o.Progress, clock: o.Clock}}
	if err := r.planOnly(ctx); err != nil {
		return Preview{}, fmt.Errorf("preview %s: %w", o.Spec.Backup, err)
	}
	pv := Preview{Backup: r.c.target().Name, Existing: o.Spec.ExistingMode(), Bytes: r.p.bytes}
	var subs []string
	if r.sel.files {
		subs = r.sel.subs
	}
	ds, err := openDests(o, subs, r.sel.mailboxes, true)
	if err != nil {
		return pv, fmt.Errorf("preview %s: %w", o.Spec.Backup, err)
	}
	defer ds.close()
	r.ds = ds
	pv.Targets, pv.Subscriptions = ds.dirs(), subs
	for _, mb := range r.sel.mailboxes {
		pv.Mailboxes = append(pv.Mailboxes, mb.Address)
	}
	for _, c := range r.sel.dbs {
		pv.Databases = append(pv.Databases, c.name())
	}
	if err := r.compare(ctx, &pv); err != nil {
		return pv, fmt.Errorf("preview %s: %w", o.Spec.Backup, err)
	}
	if pv.Existing != spec.ExistingOverwrite {
		return pv, nil
	}
	return pv, r.dryPrune(ctx, &pv)
}

// compare sorts each planned entry by what the destination holds.
func (r *run) compare(ctx context.Context, pv *Preview) error {
	mode := pv.Existing
	return r.each(ctx, func(e *index.Entry) error {
		st, err := r.ds.stateOf(*e, mode)
		if err != nil {
			return err
		}
		if e.Type == index.Dir && st != absent {
			return nil
		}
		switch st {
		case absent:
			pv.Added++
			pv.AddedPaths = first(pv.AddedPaths, e.Path)
		case same:
			pv.Unchanged++
		case differs:
			pv.Replaced++
			pv.ReplacedPaths = first(pv.ReplacedPaths, e.Path)
		case keptThere:
			pv.Kept++
			pv.KeptPaths = first(pv.KeptPaths, e.Path)
		}
		return nil
	})
}

// dryPrune counts what the restore would remove: below each restored folder, what the backup
// did not have, and an undo's paths that its backup does not hold.
func (r *run) dryPrune(ctx context.Context, pv *Preview) error {
	for _, q := range r.absent {
		for _, domain := range r.sel.subs {
			p := index.PathOf(domain, q)
			if st, err := r.ds.stateOf(index.Entry{Path: p, Type: index.File, MTime: -1}, spec.ExistingMissing); err != nil {
				return err
			} else if st != absent {
				pv.Removed++
				pv.RemovedPaths = first(pv.RemovedPaths, p)
			}
		}
	}
	spec := r.c.target().Spec
	pr, err := newPruner(r, spec.Exclude, spec.ExcludeLogs)
	if err != nil {
		return err
	}
	pr.dry = func(p string) { pv.RemovedPaths = first(pv.RemovedPaths, p) }
	for _, top := range r.sel.tops() {
		if d := r.ds.of(top); d != nil && d.root != nil {
			if err := pr.prune(ctx, d, top); err != nil {
				return fmt.Errorf("what %s did not have: %w", top, err)
			}
		}
	}
	pv.Removed += pr.removed
	return nil
}

func first(list []string, p string) []string {
	if len(list) < PreviewLimit {
		return append(list, p)
	}
	return list
}
