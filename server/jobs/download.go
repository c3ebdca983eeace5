package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"time"

	"coffre/engine/manifest"
	"coffre/engine/storage"
	"coffre/server/store"
)

// WholeArchive asks Download for every volume of a backup as one stream: the volumes
// concatenated, which is the archive (a .tar.zst).
const WholeArchive = ""

// Download is a stored object, or a backup's volumes end to end, ready to be read from any
// offset (an HTTP range): Name is the file name to offer, Size the total, Parts the objects in
// order. The caller must Close it.
type Download struct {
	Name     string
	Size     int64
	Modified time.Time
	Parts    []storage.Info
	ETag     string // strong, from the parts' SHA-256 in the manifest; "" for the manifest itself
	openAt   func(ctx context.Context, name string, off int64) (io.ReadCloser, error)
	close    func()
}

// OpenAt reads part name from offset off.
func (d *Download) OpenAt(ctx context.Context, name string, off int64) (io.ReadCloser, error) {
	return d.openAt(ctx, name, off)
}

// Close releases the storage.
func (d *Download) Close() { d.close() }

// Download prepares the download of object (a volume, the index or the manifest of backup
// name; WholeArchive for every volume as one stream) of the client's storage kind. Only an
// object the backup's manifest names is served; every part's size is the manifest's, checked
// against the storage (a changed size is an error: the Content-Length must be true). Nothing
// found is store.ErrNotFound.
func (j *Jobs) Download(ctx context.Context, login, kind, name, object string) (*Download, error) {
	return j.openDownload(ctx, login, kind, name, func(st storage.Storage) (*Download, error) {
		return j.download(ctx, st, name, object)
	})
}

// openDownload opens the client's storage kind and has prepare make the download from it,
// closing the storage again when prepare fails; nothing found is store.ErrNotFound.
func (j *Jobs) openDownload(ctx context.Context, login, kind, name string, prepare func(storage.Storage) (*Download, error)) (*Download, error) {
	if err := j.checkBackup(login, kind, name); err != nil {
		return nil, err
	}
	st, err := j.clientStorage(ctx, login, kind)
	if err != nil {
		return nil, err
	}
	d, err := prepare(st)
	if err != nil {
		closeStorage(st)
		if errors.Is(err, storage.ErrNotFound) || errors.Is(err, storage.ErrInvalidName) {
			return nil, store.ErrNotFound
		}
		return nil, err
	}
	return d, nil
}

func (j *Jobs) download(ctx context.Context, st storage.Storage, name, object string) (*Download, error) {
	m, err := manifest.Load(ctx, st, name)
	if err != nil {
		return nil, err
	}
	return j.downloadOf(ctx, st, m, object)
}

// downloadOf prepares the download of object of the backup whose manifest is m.
func (j *Jobs) downloadOf(ctx context.Context, st storage.Storage, m manifest.Manifest, object string) (*Download, error) {
	name := m.Name
	parts, file := partsOf(m, object)
	if parts == nil {
		return nil, fmt.Errorf("download %s of %s: %w", object, name, storage.ErrNotFound)
	}
	d := &Download{Name: file, ETag: etagOf(parts), close: func() { closeStorage(st) }}
	for _, p := range parts {
		in, err := st.Stat(ctx, p.Name)
		if err != nil {
			return nil, err
		}
		if p.Size >= 0 && in.Size != p.Size {
			return nil, fmt.Errorf("download %s: %d bytes stored, the manifest says %d", p.Name, in.Size, p.Size)
		}
		d.Parts = append(d.Parts, in)
		d.Size += in.Size
		if in.Modified.After(d.Modified) {
			d.Modified = in.Modified
		}
	}
	d.openAt = func(ctx context.Context, n string, off int64) (io.ReadCloser, error) {
		return storage.OpenAt(ctx, st, n, off)
	}
	return d, nil
}

// partsOf returns the objects of a download and the file name to offer; nil when object is not
// one of the backup's. A size of -1 is not known from the manifest (the manifest itself).
func partsOf(m manifest.Manifest, object string) ([]manifest.Object, string) {
	switch object {
	case WholeArchive:
		if m.Protection != nil { // served encrypted, as stored: age -d reads it
			return m.Volumes, m.Name + manifest.ArchiveSuffix + manifest.SealedSuffix
		}
		return m.Volumes, m.Name + manifest.ArchiveSuffix
	case m.Index.Name:
		return []manifest.Object{m.Index}, object
	case manifest.DetailsName(m.Name):
		if m.Protection != nil {
			return []manifest.Object{m.Protection.Details}, object
		}
	case manifest.ManifestName(m.Name):
		return []manifest.Object{{Name: object, Size: -1}}, object
	}
	for _, v := range m.Volumes {
		if v.Name == object {
			return []manifest.Object{v}, object
		}
	}
	return nil, ""
}

// etagOf names the content of parts by their SHA-256: the same bytes, the same tag, so that a
// resumed download (If-Range) continues only the same backup.
func etagOf(parts []manifest.Object) string {
	h := sha256.New()
	for _, p := range parts {
		if p.SHA256 == "" {
			return ""
		}
		io.WriteString(h, p.Name+" "+p.SHA256+"\n")
	}
	return `"` + hex.EncodeToString(h.Sum(nil)[:16]) + `"`
}
