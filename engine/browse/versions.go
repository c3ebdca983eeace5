package browse

import (
	"context"
	"errors"
	"slices"
	"time"

	"coffre/engine/manifest"
	"coffre/engine/storage"
)

// Version is one state of a path that backups hold: the backup whose archive holds it (for a
// folder or a symlink, the first backup that has it so), and the backups whose state has it.
type Version struct {
	Holder  string    `json:"holder"`
	Created time.Time `json:"created"` // when Holder was made
	Kind    string    `json:"kind"`
	Size    int64     `json:"size"`
	MTime   int64     `json:"mtime"` // seconds since the Unix epoch
	Link    string    `json:"link,omitempty"`
	Backups []string  `json:"backups"` // oldest first
}

// Versions returns the distinct states of path in the backups ms (any order), newest first. A
// backup whose index cannot be read is skipped, and named in the error, which comes with the
// versions found in the others.
func (c *Cache) Versions(ctx context.Context, st storage.Storage, ms []manifest.Manifest, path string) ([]Version, error) {
	ms = slices.Clone(ms)
	slices.SortStableFunc(ms, func(a, b manifest.Manifest) int { return a.Created.Compare(b.Created) })
	created := map[string]time.Time{}
	for _, m := range ms {
		created[m.Name] = m.Created
	}
	var out []Version
	var errs []error
	for _, m := range ms {
		l, err := c.Listing(ctx, st, m)
		var it Item
		if err == nil {
			it, err = l.Lookup(ctx, path)
		}
		if errors.Is(err, ErrNotFound) {
			continue
		}
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			errs = append(errs, err)
			continue
		}
		out = addVersion(out, it, m, created)
	}
	slices.Reverse(out)
	return out, errors.Join(errs...)
}

func addVersion(out []Version, it Item, m manifest.Manifest, created map[string]time.Time) []Version {
	for i := range out {
		v := &out[i]
		same := v.Kind == it.Kind && v.Size == it.Size && v.MTime == it.MTime && v.Link == it.Link
		if same && (it.Kind != KindFile || v.Holder == it.Holder) {
			v.Backups = append(v.Backups, m.Name)
			return out
		}
	}
	holder := m.Name
	if it.Kind == KindFile && it.Holder != "" {
		holder = it.Holder
	}
	c, ok := created[holder]
	if !ok {
		c = m.Created
	}
	return append(out, Version{Holder: holder, Created: c, Kind: it.Kind, Size: it.Size, MTime: it.MTime,
		Link: it.Link, Backups: []string{m.Name}})
}
