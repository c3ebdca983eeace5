package jobs

import (
	"context"
	"fmt"
	"io"

	"coffre/engine/manifest"
	"coffre/engine/protect"
	"coffre/engine/storage"
)

// DownloadPlain is Download with a protected backup's password: the whole archive and the
// index are served decrypted (NAME.tar.zst and NAME.index.zst, the plain bytes, sizes and
// SHA-256 of the backup's encrypted details), readable from any offset as age chunks are
// decrypted from there; other objects as stored. The password is checked first, from the few
// hundred bytes of the details' header: protect.ErrWrongPassword when it is not the backup's.
// An unprotected backup is served as Download serves it.
func (j *Jobs) DownloadPlain(ctx context.Context, login, kind, name, object string, key *protect.Key) (*Download, error) {
	return j.openDownload(ctx, login, kind, name, func(st storage.Storage) (*Download, error) {
		return j.downloadPlain(ctx, st, protect.New(st, key, 0), name, object)
	})
}

func (j *Jobs) downloadPlain(ctx context.Context, st storage.Storage, pst *protect.Store, name, object string) (*Download, error) {
	m, err := manifest.Load(ctx, pst, name)
	if err != nil {
		return nil, err
	}
	if m.Protection == nil {
		return j.downloadOf(ctx, st, m, object)
	}
	var part manifest.Object
	switch object {
	case WholeArchive:
		part = m.Volumes[0]
	case m.Index.Name:
		part = m.Index
	default:
		return j.download(ctx, st, name, object)
	}
	in, err := st.Stat(ctx, manifest.ManifestName(name))
	if err != nil {
		return nil, fmt.Errorf("download %s: %w", part.Name, err)
	}
	d := &Download{Name: part.Name, Size: part.Size, Modified: in.Modified, ETag: etagOf([]manifest.Object{part}),
		Parts: []storage.Info{{Name: part.Name, Size: part.Size, Modified: in.Modified}}, close: func() { closeStorage(st) }}
	d.openAt = func(ctx context.Context, n string, off int64) (io.ReadCloser, error) {
		return pst.OpenAt(ctx, n, off)
	}
	return d, nil
}
