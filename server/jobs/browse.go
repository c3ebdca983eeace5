package jobs

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"coffre/engine/browse"
	"coffre/engine/manifest"
	"coffre/engine/storage"
	"coffre/server/failure"
)

// trees keeps the listings of the backups browsed last: 256 MiB holds the trees of a few
// million paths, whatever the number of clients.
var trees = browse.NewCache(256 << 20)

// ErrNoBackup is returned for a backup the storage does not hold (or holds without its
// manifest).
var ErrNoBackup = failure.New(failure.NoSuchBackup, "no such backup")

// Contents calls fn with the webspace tree of backup name in the client's storage kind, and
// its manifest; the storage is open until fn returns. The tree of a backup browsed recently is
// kept in memory (bounded).
func (j *Jobs) Contents(ctx context.Context, login, kind, name string, fn func(*browse.Listing, manifest.Manifest) error) error {
	st, err := j.clientStorage(ctx, login, kind)
	if err != nil {
		return &StorageError{Storage: kind, Err: err}
	}
	defer closeStorage(st)
	m, err := loadManifest(ctx, st, login, name)
	if err != nil {
		return err
	}
	l, err := trees.Listing(ctx, st, m)
	if err != nil {
		return err
	}
	return fn(l, m)
}

// Versions returns the distinct states of path (a "<domain>/<rel>" path) in the client's
// backups of storage kind, newest first. A backup whose index cannot be read is left out.
func (j *Jobs) Versions(ctx context.Context, login, kind, name, path string) ([]browse.Version, error) {
	st, err := j.clientStorage(ctx, login, kind)
	if err != nil {
		return nil, &StorageError{Storage: kind, Err: err}
	}
	defer closeStorage(st)
	if _, err := loadManifest(ctx, st, login, name); err != nil {
		return nil, err
	}
	infos, err := st.List(ctx, "")
	if err != nil {
		return nil, fmt.Errorf("list backups: %w", err)
	}
	var ms []manifest.Manifest
	for _, in := range infos {
		n, ok := strings.CutSuffix(in.Name, manifest.ManifestSuffix)
		if !ok {
			continue
		}
		if m, err := loadManifest(ctx, st, login, n); err == nil {
			ms = append(ms, m)
		}
	}
	vs, err := trees.Versions(ctx, st, ms, path)
	if err != nil && ctx.Err() == nil {
		err = nil // the unreadable backups are simply not among the versions
	}
	return vs, err
}

// loadManifest reads backup name's manifest, which must be the client's.
func loadManifest(ctx context.Context, st storage.Storage, login, name string) (manifest.Manifest, error) {
	m, err := manifest.Load(ctx, st, name)
	if errors.Is(err, storage.ErrNotFound) || errors.Is(err, storage.ErrInvalidName) {
		return m, fmt.Errorf("backup %q: %w", name, ErrNoBackup)
	}
	if err != nil {
		return m, err
	}
	if m.Client != login {
		return m, fmt.Errorf("backup %q: %w", name, ErrNoBackup)
	}
	if _, ok := st.(manifest.Unsealer); m.Protection != nil && !ok {
		return m, fmt.Errorf("backup %q: %w", name, manifest.ErrLocked)
	}
	return m, nil
}
