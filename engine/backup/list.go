package backup

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"coffre/engine/manifest"
	"coffre/engine/storage"
)

// catalog is what a storage holds, grouped by backup.
type catalog struct {
	objects map[string]storage.Info       // every object by name
	backups map[string][]string           // backup name -> its objects
	parsed  map[string]*manifest.Manifest // backups whose manifest parsed
	signed  map[string]manifest.SignatureStatus
	bad     map[string]bool     // backups with a manifest that is corrupt or incomplete
	status  map[string][]string // memo: backup -> missing links of its chain
}

func readCatalog(ctx context.Context, st storage.Storage) (*catalog, error) {
	infos, err := st.List(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	c := &catalog{objects: map[string]storage.Info{}, backups: map[string][]string{},
		parsed: map[string]*manifest.Manifest{}, signed: map[string]manifest.SignatureStatus{}, bad: map[string]bool{}, status: map[string][]string{}}
	for _, in := range infos {
		c.objects[in.Name] = in
		if n, ok := manifest.BackupOf(in.Name); ok {
			c.backups[n] = append(c.backups[n], in.Name)
		}
	}
	return c, nil
}

// load parses every manifest, checks who signed it, and checks that the objects it names are
// all there.
func (c *catalog) load(ctx context.Context, st storage.Storage, ring manifest.Keyring) error {
	for n := range c.backups {
		if _, ok := c.objects[manifest.ManifestName(n)]; !ok {
			continue
		}
		data, err := manifest.ReadFile(ctx, st, n)
		var m manifest.Manifest
		if err == nil {
			m, c.signed[n], err = ring.Check(data)
		}
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			c.bad[n] = true
			continue
		}
		c.parsed[n] = &m
		if m.Name != n || !c.complete(&m) {
			c.bad[n] = true
		}
	}
	return nil
}

func (c *catalog) complete(m *manifest.Manifest) bool {
	for _, o := range m.Stored() {
		if in, ok := c.objects[o.Name]; !ok || in.Size != o.Size {
			return false
		}
	}
	return true
}

// missing names the backups of n's chain (n included) that are absent, corrupt or incomplete.
func (c *catalog) missing(n string) []string {
	var out []string
	seen := map[string]bool{}
	for n != "" && !seen[n] {
		seen[n] = true
		m, ok := c.parsed[n]
		if !ok || c.bad[n] {
			out = append(out, n)
		}
		if !ok {
			break
		}
		n = m.Parent
	}
	return out
}

// List returns the backups in st, oldest first, each with its chain's status and who signed
// its manifest, as ring sees it. The listing is what the storage holds: the manifests are the
// catalog.
func List(ctx context.Context, st storage.Storage, ring manifest.Keyring) ([]Entry, error) {
	c, err := readCatalog(ctx, st)
	if err != nil {
		return nil, err
	}
	if err := c.load(ctx, st, ring); err != nil {
		return nil, err
	}
	var out []Entry
	for n := range c.backups {
		if _, ok := c.objects[manifest.ManifestName(n)]; !ok {
			continue
		}
		out = append(out, c.entry(n))
	}
	slices.SortFunc(out, func(a, b Entry) int {
		if d := a.Created.Compare(b.Created); d != 0 {
			return d
		}
		return strings.Compare(a.Name, b.Name)
	})
	return out, nil
}

func (c *catalog) entry(n string) Entry {
	m, ok := c.parsed[n]
	if !ok {
		return Entry{Name: n, Status: StatusBroken, Missing: []string{n}}
	}
	e := entryOf(m)
	e.Signature = c.signed[n]
	if miss := c.missing(n); len(miss) > 0 {
		e.Status, e.Missing = StatusBroken, miss
	}
	return e
}

// Statuses of an Entry.
const (
	StatusOK     = "ok"
	StatusBroken = "broken"
)

func entryOf(m *manifest.Manifest) Entry {
	e := Entry{Name: m.Name, Client: m.Client, Created: m.Created, Type: m.Type, Parent: m.Parent,
		Spec: m.Spec, Files: m.Files, Status: StatusOK, Captured: m.Captured,
		Subscriptions: m.Subscriptions, Protected: m.Protection != nil}
	for _, v := range m.Volumes {
		e.Volumes = append(e.Volumes, Volume{Name: v.Name, Size: v.Size, SHA256: v.SHA256})
		e.Size += v.Size
	}
	return e
}

// Clean deletes the objects of backups that have no manifest. The caller holds the client's lock.
func Clean(ctx context.Context, st storage.Storage) error {
	c, err := readCatalog(ctx, st)
	if err != nil {
		return err
	}
	for n, objs := range c.backups {
		if _, ok := c.objects[manifest.ManifestName(n)]; ok {
			continue
		}
		if err := deleteAll(ctx, st, objs); err != nil {
			return fmt.Errorf("clean %s: %w", n, err)
		}
	}
	return nil
}

func deleteAll(ctx context.Context, st storage.Storage, names []string) error {
	for _, o := range names {
		if err := st.Delete(ctx, o); err != nil && !errorsIsNotFound(err) {
			return err
		}
	}
	return nil
}

// latest is the newest backup of client whose manifest parsed, or nil.
func (c *catalog) latest(client string) *manifest.Manifest {
	var best *manifest.Manifest
	for _, m := range c.parsed {
		if m.Client == client && (best == nil || m.Created.After(best.Created)) {
			best = m
		}
	}
	return best
}
