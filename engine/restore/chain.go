package restore

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"slices"
	"strings"

	"coffre/engine/backup"
	"coffre/engine/manifest"
	"coffre/engine/storage"
)

// maxChain bounds the length of a chain (and ends a loop of parents).
const maxChain = 10000

// chain is a backup and the backups before it, up to its full backup, oldest first.
type chain struct {
	backups []manifest.Manifest
}

func (c *chain) target() manifest.Manifest { return c.backups[len(c.backups)-1] }

func (c *chain) get(name string) (manifest.Manifest, bool) {
	for _, m := range c.backups {
		if m.Name == name {
			return m, true
		}
	}
	return manifest.Manifest{}, false
}

func (c *chain) names() []string {
	out := make([]string, len(c.backups))
	for i, m := range c.backups {
		out[i] = m.Name
	}
	return out
}

// loadChain reads the manifest of backup name (which must exist and, with keys, be signed by
// one of them), then its parents'. A missing, unreadable or unsigned parent makes the chain broken: the
// error wraps backup.ErrBrokenChain and names it.
func loadChain(ctx context.Context, st storage.Storage, name string, keys ...ed25519.PublicKey) (*chain, error) {
	m, err := manifest.LoadVerified(ctx, st, name, keys...)
	if err != nil {
		return nil, err
	}
	c := &chain{backups: []manifest.Manifest{m}}
	for m.Parent != "" {
		if len(c.backups) >= maxChain || slices.Contains(c.names(), m.Parent) {
			return nil, broken(name, m.Parent+" (loop)")
		}
		p, err := manifest.LoadVerified(ctx, st, m.Parent, keys...)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, fmt.Errorf("%w: %w", broken(name, m.Parent), err)
		}
		c.backups = append([]manifest.Manifest{p}, c.backups...)
		m = p
	}
	return c, nil
}

func broken(name string, missing ...string) error {
	return fmt.Errorf("backup %s: %w: missing or unusable %s", name, backup.ErrBrokenChain, strings.Join(missing, ", "))
}

// checkHolders makes sure every backup the index takes content from is in the chain.
func (c *chain) checkHolders(holders []string) error {
	var missing []string
	for _, h := range holders {
		if _, ok := c.get(h); !ok {
			missing = append(missing, h)
		}
	}
	if len(missing) > 0 {
		return broken(c.target().Name, missing...)
	}
	return nil
}
