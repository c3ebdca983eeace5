package backup

import (
	"context"
	"fmt"

	"coffre/engine/manifest"
	"coffre/engine/protect"
)

// protectedStore is o's storage seen through o's backup password.
func protectedStore(o Options) *protect.Store {
	o.Key.Prepare(3) // the index, the archive and the details: derived during the scan
	return protect.New(o.Storage, o.Key, int64(o.Spec.SplitMB)<<20)
}

// unsealParent reads a protected parent's full record: the password must be the chain's.
func (r *runner) unsealParent(ctx context.Context) error {
	ps, ok := r.st.(*protect.Store)
	if !ok {
		return nil
	}
	full, err := ps.Unseal(ctx, *r.parent)
	if err != nil {
		return fmt.Errorf("backup: an incremental backup continues the chain of %s, protected with another password: %w", r.parent.Name, err)
	}
	r.parent = &full
	return nil
}

// seal returns the manifest to sign: r.man, or for a protected backup its redacted form, once
// the full record is stored encrypted.
func (r *runner) seal(ctx context.Context) (manifest.Manifest, error) {
	ps, ok := r.st.(*protect.Store)
	if !ok {
		return r.man, nil
	}
	r.written = append(r.written, manifest.DetailsName(r.man.Name))
	m, err := ps.Seal(ctx, r.man)
	if err != nil {
		return m, fmt.Errorf("backup: %w", err)
	}
	return m, nil
}
