package jobs

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"os"
	"path/filepath"

	"coffre/engine/manifest"
	"coffre/engine/protect"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/server/ftpset"
	"coffre/server/store"
)

// clientStorage opens the storage kind of a request after checking the login: the server
// storage, or the client's personal FTP storage with its settings. The caller must close it
// (closeStorage) once done.
func (j *Jobs) clientStorage(ctx context.Context, login, kind string) (storage.Storage, error) {
	if err := store.ValidateLogin(login); err != nil {
		return nil, err
	}
	st, err := j.openKind(ctx, login, kind)
	if err != nil {
		return nil, fmt.Errorf("open the %s storage of %s: %w", kind, login, err)
	}
	if key := protect.KeyFrom(ctx); key != nil { // a request reading a protected backup
		return protect.New(st, key, 0), nil
	}
	return st, nil
}

func (j *Jobs) openKind(ctx context.Context, login, kind string) (storage.Storage, error) {
	if j.open != nil {
		return j.open(login, kind)
	}
	switch kind {
	case spec.StorageServer:
		return j.ServerStorage(login)
	case spec.StorageFTP:
		s, ok, err := ftpset.Load(j.st, j.keys, login)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, ftpset.ErrNotConfigured
		}
		return j.ftp(ctx, s)
	}
	return nil, fmt.Errorf("unknown storage %q", kind)
}

// readStorage is clientStorage for a restore or a verification, which read each volume twice
// (its hash, then its entries): a remote storage is wrapped in storage.ReadOnce, so that each
// volume crosses the network once, its copy kept under the staging folder until the storage is
// closed.
func (j *Jobs) readStorage(ctx context.Context, login, kind string) (storage.Storage, error) {
	st, err := j.clientStorage(ctx, login, kind)
	if err != nil || kind != spec.StorageFTP {
		return st, err
	}
	dir := filepath.Join(j.st.Dir(), StageDir)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		st.Close()
		return nil, err
	}
	once, err := storage.NewReadOnce(st, dir)
	if err != nil {
		st.Close()
		return nil, err
	}
	return once, nil
}

// closeStorage closes a storage once its task is done with it.
func closeStorage(st storage.Storage) { st.Close() }

// Ring is the keys this host trusts: its own and those imported with coffre host-key import.
func (j *Jobs) Ring() (manifest.Keyring, error) { return j.keys.Ring(j.st.Dir()) }

// trustedKeys are the keys a restore or a verification of backup in st accepts: the ring's,
// and, when trustKey is set, the key that signed the backup's manifest if its fingerprint is
// trustKey (the administrator confirmed it). The engine checks every manifest of the chain
// against these keys as it reads them.
func (j *Jobs) trustedKeys(ctx context.Context, st storage.Storage, backup, trustKey string) ([]ed25519.PublicKey, error) {
	ring, err := j.Ring()
	if err != nil {
		return nil, err
	}
	keys := ring.Keys()
	if trustKey == "" {
		return keys, nil
	}
	data, err := manifest.ReadFile(ctx, st, backup)
	if err != nil {
		return nil, err
	}
	pub, ok := manifest.SignerKey(data)
	if !ok || manifest.KeyFingerprint(pub) != trustKey {
		return nil, fmt.Errorf("backup %s is not signed by the key %s that was confirmed: %w", backup, trustKey,
			manifest.ErrSignature)
	}
	return append(keys, pub), nil
}

// refuseUntrusted fails a restore of a backup that another host signed, when the request does
// not confirm that host's key, saying which key it is and what the administrator may do.
func (j *Jobs) refuseUntrusted(ctx context.Context, st storage.Storage, backup string) error {
	ring, err := j.Ring()
	if err != nil {
		return err
	}
	data, err := manifest.ReadFile(ctx, st, backup)
	if err != nil {
		return err
	}
	if _, s, err := ring.Check(data); err == nil && s.Signer == manifest.SignedByOther {
		return fmt.Errorf("backup %s is signed by another host, whose key %s this host does not trust: "+
			"the administrator may confirm that key to restore it, or import it (coffre host-key import): %w",
			backup, s.Fingerprint, manifest.ErrSignature)
	}
	return nil
}

// restoreKeys are the keys a restore accepts: a backup another host signed is refused at once,
// naming its key, unless the request confirms that key.
func (j *Jobs) restoreKeys(ctx context.Context, st storage.Storage, r spec.Restore) ([]ed25519.PublicKey, error) {
	if r.TrustKey == "" {
		if err := j.refuseUntrusted(ctx, st, r.Backup); err != nil {
			return nil, err
		}
	}
	return j.trustedKeys(ctx, st, r.Backup, r.TrustKey)
}
