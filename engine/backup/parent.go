package backup

import (
	"context"
	"io"

	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/spec"
	"coffre/engine/storage"
)

// findParent returns the newest complete backup of the same client, scope and storage, with an
// intact chain and files, signed by this host, or nil: the new backup is then the first of a
// chain (full). A manifest that this host did not sign (planted in a client's FTP folder, or
// another host's) never becomes a parent.
func findParent(c *catalog, sp spec.Backup, protected bool) *manifest.Manifest {
	var best *manifest.Manifest
	for n, m := range c.parsed {
		if m.Client != sp.Client || m.Spec.Scope != sp.Scope || m.Spec.Storage != sp.Storage ||
			m.Spec.ConfigOnly || len(c.missing(n)) > 0 || c.signed[n].Signer != manifest.SignedByHost ||
			(m.Protection != nil) != protected {
			continue
		}
		if best == nil || m.Created.After(best.Created) || m.Created.Equal(best.Created) && n > best.Name {
			best = m
		}
	}
	return best
}

// startParent picks the parent and starts reading its index, which the scan does not need.
func (r *runner) startParent(ctx context.Context) error {
	r.parent = findParent(r.cat, r.o.Spec, r.o.Key != nil)
	if r.parent == nil {
		return nil
	}
	if err := r.unsealParent(ctx); err != nil {
		return err
	}
	r.parentDone = make(chan error, 1)
	go func() {
		var err error
		r.parentIndex, err = loadIndex(ctx, r.out, r.parent)
		r.parentDone <- err
	}()
	return nil
}

// awaitParent waits for the parent's index; when it is unreadable or does not match its
// manifest, the chain is not intact and the backup starts a new one (full).
func (r *runner) awaitParent(ctx context.Context) error {
	if r.parentDone == nil {
		return nil
	}
	err := <-r.parentDone
	r.parentDone = nil
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		r.o.Log.Warn("backup: parent index unusable, starting a new chain", "parent", r.parent.Name, "err", err)
		r.parent, r.parentIndex = nil, nil
	}
	return nil
}

// loadIndex reads a backup's whole index, checked against its manifest (manifest.OpenIndex).
func loadIndex(ctx context.Context, st storage.Storage, m *manifest.Manifest) ([]index.Entry, error) {
	ir, err := manifest.OpenIndex(ctx, st, *m)
	if err != nil {
		return nil, err
	}
	defer ir.Close()
	var es []index.Entry
	for {
		e, err := ir.Next()
		if err == io.EOF {
			return es, nil
		}
		if err != nil {
			return nil, err
		}
		es = append(es, e)
	}
}
