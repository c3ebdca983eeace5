package backup

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/spec"
	"coffre/engine/storage"
)

// findParent returns the newest complete backup of the same client, scope and storage, with an
// intact chain and files, or nil: the new backup is then the first of a chain (full).
func findParent(c *catalog, sp spec.Backup) *manifest.Manifest {
	var best *manifest.Manifest
	for n, m := range c.parsed {
		if m.Client != sp.Client || m.Spec.Scope != sp.Scope || m.Spec.Storage != sp.Storage ||
			m.Spec.ConfigOnly || len(c.missing(n)) > 0 {
			continue
		}
		if best == nil || m.Created.After(best.Created) || m.Created.Equal(best.Created) && n > best.Name {
			best = m
		}
	}
	return best
}

// startParent picks the parent and starts reading its index, which the scan does not need.
func (r *runner) startParent(ctx context.Context) {
	r.parent = findParent(r.cat, r.o.Spec)
	if r.parent == nil {
		return
	}
	r.parentDone = make(chan error, 1)
	go func() {
		var err error
		r.parentIndex, err = loadIndex(ctx, r.o.Storage, r.parent)
		r.parentDone <- err
	}()
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

// loadIndex reads a backup's whole index, checking its size and SHA-256 against the manifest.
func loadIndex(ctx context.Context, st storage.Storage, m *manifest.Manifest) ([]index.Entry, error) {
	rc, err := st.Open(ctx, m.Index.Name)
	if err != nil {
		return nil, fmt.Errorf("open index of %s: %w", m.Name, err)
	}
	defer rc.Close()
	h := sha256.New()
	cr := &countReader{r: io.TeeReader(io.LimitReader(rc, m.Index.Size+1), h)}
	name, es, err := index.ReadAll(cr)
	if err == nil {
		_, err = io.Copy(io.Discard, cr) // the hash covers the whole object
	}
	switch {
	case err != nil:
		return nil, fmt.Errorf("read index of %s: %w", m.Name, err)
	case cr.n != m.Index.Size || hex.EncodeToString(h.Sum(nil)) != m.Index.SHA256:
		return nil, fmt.Errorf("index of %s does not match its manifest: %w", m.Name, index.ErrCorrupt)
	case name != m.Name:
		return nil, fmt.Errorf("index of %s names %q: %w", m.Name, name, index.ErrCorrupt)
	}
	return es, nil
}

type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n += int64(k)
	return k, err
}
