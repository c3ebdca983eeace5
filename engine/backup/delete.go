package backup

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"coffre/engine/manifest"
	"coffre/engine/storage"
)

// Dependents returns the backups of st whose chain goes through backup n (the later
// incrementals that need it), newest first. A backup that is not in st is an error wrapping
// storage.ErrNotFound.
func Dependents(ctx context.Context, st storage.Storage, n string) ([]string, error) {
	c, err := readCatalog(ctx, st)
	if err != nil {
		return nil, err
	}
	if _, ok := c.objects[manifest.ManifestName(n)]; !ok {
		return nil, fmt.Errorf("backup %s: %w", n, storage.ErrNotFound)
	}
	parents := map[string]string{}
	created := map[string]string{}
	for b := range c.backups {
		if _, ok := c.objects[manifest.ManifestName(b)]; !ok || b == n {
			continue
		}
		m, err := manifest.Load(ctx, st, b)
		if err != nil {
			continue // a manifest that does not parse names no parent
		}
		parents[b], created[b] = m.Parent, m.Created.UTC().Format("20060102T150405.000000000")
	}
	var out []string
	for b := range parents {
		if dependsOn(b, n, parents) {
			out = append(out, b)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		if d := strings.Compare(created[b], created[a]); d != 0 {
			return d
		}
		return strings.Compare(b, a)
	})
	return out, nil
}

// dependsOn reports whether n is in b's chain of parents.
func dependsOn(b, n string, parents map[string]string) bool {
	seen := map[string]bool{}
	for p := parents[b]; p != "" && !seen[p]; p = parents[p] {
		if p == n {
			return true
		}
		seen[p] = true
	}
	return false
}

// Delete removes backup n from st: its manifest first, so that a deletion cut short never
// leaves a backup listed as good, then its index and volumes (every object named after it,
// whatever its manifest says). The caller holds the client's lock and has removed the backups
// that depend on n first (Dependents).
func Delete(ctx context.Context, st storage.Storage, n string) error {
	if !storage.ValidName(manifest.ManifestName(n)) {
		return fmt.Errorf("delete backup %s: %w", n, storage.ErrInvalidName)
	}
	c, err := readCatalog(ctx, st)
	if err != nil {
		return fmt.Errorf("delete backup %s: %w", n, err)
	}
	mn := manifest.ManifestName(n)
	if _, ok := c.objects[mn]; !ok {
		return fmt.Errorf("delete backup %s: %w", n, storage.ErrNotFound)
	}
	if err := st.Delete(ctx, mn); err != nil && !errorsIsNotFound(err) {
		return fmt.Errorf("delete backup %s: %w", n, err)
	}
	rest := slices.DeleteFunc(slices.Clone(c.backups[n]), func(o string) bool { return o == mn })
	slices.Sort(rest) // the index (N.index.zst) before the volumes (N.tar.zst...)
	if err := deleteAll(ctx, st, rest); err != nil {
		return fmt.Errorf("delete backup %s: %w", n, err)
	}
	return nil
}
