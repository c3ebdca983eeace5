package verify

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"

	"coffre/engine/archive"
	"coffre/engine/manifest"
	"coffre/engine/storage"
)

// Run verifies backup name in st: the manifest (signed by one of keys when any is given), every volume's
// size and SHA-256, the index against its manifest entry, every archive entry read to its end,
// and the archive against the index (each entry the index says this backup holds is in the
// archive with the same type, size, mode, owner, mtime and link; the archive holds nothing
// else), and that the backups the index takes content from exist. The Report names each
// problem; the error wraps ErrFailed when there is one, or is the context's error.
func Run(ctx context.Context, st storage.Storage, name string, keys ...ed25519.PublicKey) (Report, error) {
	r := Report{Backup: name, Problems: []Problem{}}
	m, err := manifest.LoadVerified(ctx, st, name, keys...)
	if err != nil {
		r.add(manifest.ManifestName(name), "", err)
		return r, r.err()
	}
	volumesOK := checkVolumes(ctx, st, m, &r)
	idx, err := readIndex(ctx, st, m, &r)
	if err != nil {
		r.add(m.Index.Name, "", err)
	} else {
		r.Indexed = idx.count
		checkCounts(m, idx, &r)
		checkHolders(ctx, st, m, idx, &r)
	}
	if volumesOK && idx != nil {
		walk(ctx, st, m, &r)
	}
	if err := ctx.Err(); err != nil {
		return r, err
	}
	return r, r.err()
}

// checkVolumes checks every volume, each named in its own problem.
func checkVolumes(ctx context.Context, st storage.Storage, m manifest.Manifest, r *Report) bool {
	ok := true
	for _, v := range m.Volumes {
		if err := archive.CheckVolumes(ctx, st, []manifest.Object{v}); err != nil {
			r.add(v.Name, "", err)
			ok = false
		}
		r.Volumes++
	}
	return ok
}

// checkHolders makes sure the backups whose archives hold this backup's content exist.
func checkHolders(ctx context.Context, st storage.Storage, m manifest.Manifest, idx *indexData, r *Report) {
	for _, h := range idx.holders {
		if h == m.Name {
			continue
		}
		if _, err := st.Stat(ctx, manifest.ManifestName(h)); err != nil {
			if errors.Is(err, storage.ErrNotFound) {
				err = fmt.Errorf("backup %s, which holds content of this one, is missing", h)
			}
			r.add(manifest.ManifestName(h), "", err)
		}
	}
}

func checkCounts(m manifest.Manifest, idx *indexData, r *Report) {
	if idx.count != m.Entries {
		r.add(m.Index.Name, "", fmt.Errorf("%d records; the manifest says %d", idx.count, m.Entries))
	}
}
