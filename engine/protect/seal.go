package protect

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"

	"filippo.io/age"

	"coffre/engine/manifest"
)

// details is what N.details.json.age holds: the backup's full manifest record, and the file
// keys of its encrypted index and archive (so that reading them costs no further scrypt).
type details struct {
	Manifest json.RawMessage   `json:"manifest"`
	Keys     map[string]string `json:"keys"` // first stored object -> its age file key, hex
}

// Seal stores full's encrypted details, and returns the manifest to sign: redacted, naming
// the encrypted objects as stored. full's index and archive must have been written to s.
func (s *Store) Seal(ctx context.Context, full manifest.Manifest) (manifest.Manifest, error) {
	idx, vols := s.objects(manifest.IndexName(full.Name)), s.objects(full.Name+manifest.ArchiveSuffix)
	if len(idx) != 1 || len(vols) == 0 {
		return manifest.Manifest{}, fmt.Errorf("seal %s: index or archive not written encrypted", full.Name)
	}
	rec, err := json.Marshal(full)
	if err != nil {
		return manifest.Manifest{}, fmt.Errorf("seal %s: %w", full.Name, err)
	}
	d := details{Manifest: rec, Keys: map[string]string{}}
	s.mu.Lock()
	for _, o := range []string{idx[0].Name, vols[0].Name} {
		d.Keys[o] = hex.EncodeToString(s.keys[o])
	}
	s.mu.Unlock()
	obj, err := s.putDetails(ctx, manifest.DetailsName(full.Name), d)
	if err != nil {
		return manifest.Manifest{}, fmt.Errorf("seal %s: %w", full.Name, err)
	}
	m := manifest.Redacted(full)
	m.Volumes, m.Index = vols, idx[0]
	m.Protection = &manifest.Protection{Scheme: manifest.SchemeAgeScrypt, WorkFactor: WorkFactor, Details: obj}
	return m, nil
}

func (s *Store) putDetails(ctx context.Context, name string, d details) (manifest.Object, error) {
	b, err := json.Marshal(d)
	if err != nil {
		return manifest.Object{}, err
	}
	var buf bytes.Buffer
	w, err := age.Encrypt(&buf, recipient{k: s.key, got: func([]byte) {}})
	if err == nil {
		_, err = w.Write(b)
	}
	if err == nil {
		err = w.Close()
	}
	if err != nil {
		return manifest.Object{}, fmt.Errorf("encrypt: %w", err)
	}
	sum := sha256.Sum256(buf.Bytes())
	obj := manifest.Object{Name: name, Size: int64(buf.Len()), SHA256: hex.EncodeToString(sum[:])}
	if _, err := s.Storage.Put(ctx, name, &buf); err != nil {
		return manifest.Object{}, fmt.Errorf("put %s: %w", name, err)
	}
	return obj, nil
}

// Unseal reads protected backup m's encrypted details: a wrong password fails there, after
// the few hundred bytes of its header. It returns the full record, checked against m, and
// from then on reads m's index and archive decrypted.
func (s *Store) Unseal(ctx context.Context, m manifest.Manifest) (manifest.Manifest, error) {
	if m.Protection == nil {
		return m, nil
	}
	d, err := s.readDetails(ctx, m)
	if err != nil {
		return manifest.Manifest{}, fmt.Errorf("unseal %s: %w", m.Name, err)
	}
	full, err := manifest.ParseRecord(d.Manifest)
	if err != nil {
		return manifest.Manifest{}, fmt.Errorf("unseal %s: %w", m.Name, err)
	}
	if full.Name != m.Name || full.Client != m.Client || full.Type != m.Type || full.Parent != m.Parent ||
		!full.Created.Equal(m.Created) || len(full.Volumes) != 1 {
		return manifest.Manifest{}, fmt.Errorf("unseal %s: the details do not match the manifest: %w", m.Name, manifest.ErrInvalid)
	}
	keys := map[string][]byte{}
	for o, h := range d.Keys {
		if fk, err := hex.DecodeString(h); err == nil && len(fk) == 16 {
			keys[o] = fk
		}
	}
	s.key.learn(keys)
	s.mu.Lock()
	s.stored[full.Index.Name] = []manifest.Object{m.Index}
	s.stored[full.Volumes[0].Name] = m.Volumes
	s.mu.Unlock()
	full.Protection = m.Protection
	return full, nil
}

func (s *Store) readDetails(ctx context.Context, m manifest.Manifest) (details, error) {
	var d details
	obj := m.Protection.Details
	rc, err := s.Storage.Open(ctx, obj.Name)
	if err != nil {
		return d, err
	}
	defer rc.Close()
	// The header comes first: a wrong password is known before the rest is read.
	h := manifest.NewSumReader(io.LimitReader(rc, obj.Size+1))
	r, err := age.Decrypt(h, identity{k: s.key, name: obj.Name})
	if err != nil {
		return d, fmt.Errorf("decrypt %s: %w", obj.Name, wrongPassword(err))
	}
	b, err := io.ReadAll(io.LimitReader(r, manifest.MaxSize))
	if err == nil {
		_, err = io.Copy(io.Discard, h)
	}
	if err != nil {
		return d, fmt.Errorf("read %s: %w", obj.Name, err)
	}
	if h.N != obj.Size || h.SHA256() != obj.SHA256 {
		return d, fmt.Errorf("%s differs from the manifest: %w", obj.Name, manifest.ErrInvalid)
	}
	return d, json.Unmarshal(b, &d)
}
