package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"coffre/engine/manifest"
	"coffre/engine/storage"
	"coffre/server/lock"
	"coffre/server/store"
)

// Codes of an upload's refusals (store.Error codes; Args say which object or what).
const (
	CodeUploadManifestFirst = "upload_manifest_first" // Args [object]: the manifest must come first
	CodeUploadUnknown       = "upload_unknown_object" // Args [object]: not an object the manifest names
	CodeUploadMismatch      = "upload_mismatch"       // Args [object]: its size or SHA-256 is not the manifest's
	CodeUploadMissing       = "upload_missing"        // Args: the objects the manifest names that were not sent
	CodeUploadOtherClient   = "upload_other_client"   // Args [client]: the backup is another client's
	CodeUploadSignature     = "upload_signature"      // Args [signer]: not signed, or the signature does not match
	CodeUploadTooLarge      = "upload_too_large"      // Args [bytes]: the backup is larger than the limit
	CodeUploadManifest      = "invalid_manifest"      // the manifest does not parse or names invalid objects
)

// Upload receives a backup made by Coffre into a staging folder, checks every object against
// its manifest as it arrives, and stores it in the client's storage only once all is checked
// (Commit): nothing half-received is ever listed. The manifest comes first.
type Upload struct {
	j           *Jobs
	login, kind string
	dir         string
	max         int64
	m           *manifest.Manifest
	manifest    []byte
	want        map[string]manifest.Object
	got         map[string]bool
}

func uploadErr(code, msg string, args ...string) error {
	return &store.Error{Code: code, Args: args, Msg: msg}
}

// NewUpload starts an upload to the client's storage kind of a backup of at most max bytes
// (its volumes and index). The caller must Discard it.
func (j *Jobs) NewUpload(login, kind string, max int64) (*Upload, error) {
	if err := j.CheckStorage(login, kind); err != nil {
		return nil, err
	}
	base := filepath.Join(j.st.Dir(), StageDir)
	if err := os.MkdirAll(base, 0o700); err != nil {
		return nil, fmt.Errorf("upload: %w", err)
	}
	sweepUploads(base, j.clock().Add(-staleUpload))
	dir, err := os.MkdirTemp(base, "upload-")
	if err != nil {
		return nil, fmt.Errorf("upload: %w", err)
	}
	return &Upload{j: j, login: login, kind: kind, dir: dir, max: max, got: map[string]bool{}}, nil
}

// staleUpload is the age after which a staged upload is taken for one a killed process left.
const staleUpload = 24 * time.Hour

// sweepUploads removes the staged uploads last changed before cutoff.
func sweepUploads(base string, cutoff time.Time) {
	entries, _ := os.ReadDir(base)
	for _, e := range entries {
		if info, err := e.Info(); err == nil && e.IsDir() && strings.HasPrefix(e.Name(), "upload-") && info.ModTime().Before(cutoff) {
			os.RemoveAll(filepath.Join(base, e.Name()))
		}
	}
}

// Discard removes what the upload staged.
func (u *Upload) Discard() { os.RemoveAll(u.dir) }

// Add receives the object name. The first must be the backup's manifest.
func (u *Upload) Add(name string, r io.Reader) error {
	if !storage.ValidName(name) {
		return uploadErr(CodeUploadUnknown, fmt.Sprintf("%q is not the name of a backup's file", name), name)
	}
	if u.m == nil {
		return u.addManifest(name, r)
	}
	o, ok := u.want[name]
	if !ok || u.got[name] {
		return uploadErr(CodeUploadUnknown, fmt.Sprintf("%s is not a file of backup %s (or was sent twice)", name, u.m.Name), name)
	}
	f, err := os.OpenFile(filepath.Join(u.dir, name), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("upload %s: %w", name, err)
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(f, h), io.LimitReader(r, o.Size+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("upload %s: %w", name, err)
	}
	if n != o.Size || hex.EncodeToString(h.Sum(nil)) != o.SHA256 {
		return uploadErr(CodeUploadMismatch, fmt.Sprintf("%s does not match the manifest: %d bytes received, "+
			"%d expected, or its SHA-256 differs", name, n, o.Size), name)
	}
	u.got[name] = true
	return nil
}

// addManifest reads and checks the manifest: a backup of this client, signed, whose objects
// are named after it, within the size limit.
func (u *Upload) addManifest(name string, r io.Reader) error {
	n, ok := strings.CutSuffix(name, manifest.ManifestSuffix)
	if !ok {
		return uploadErr(CodeUploadManifestFirst, "send the backup's manifest (NAME"+manifest.ManifestSuffix+") first", name)
	}
	data, err := io.ReadAll(io.LimitReader(r, manifest.MaxSize+1))
	if err != nil {
		return fmt.Errorf("upload %s: %w", name, err)
	}
	ring, err := u.j.Ring()
	if err != nil {
		return err
	}
	m, sig, err := ring.Check(data)
	if err != nil || len(data) > manifest.MaxSize || m.Name != n {
		return uploadErr(CodeUploadManifest, fmt.Sprintf("%s is not the manifest of a backup made by Coffre named %s", name, n), name)
	}
	if m.Client != u.login {
		return uploadErr(CodeUploadOtherClient, fmt.Sprintf("backup %s is a backup of client %s, not of %s", n, m.Client, u.login), m.Client)
	}
	if sig.Signer == manifest.NotSigned || sig.Signer == manifest.SigMismatch {
		return uploadErr(CodeUploadSignature, fmt.Sprintf("backup %s is refused: %s", n, signerText(sig)), string(sig.Signer))
	}
	return u.expect(m, data)
}

func signerText(s manifest.SignatureStatus) string {
	if s.Signer == manifest.NotSigned {
		return "its manifest is not signed"
	}
	return "the signature does not match the manifest (it was changed after it was signed)"
}

// expect records the objects the manifest names, each checked to belong to the backup.
func (u *Upload) expect(m manifest.Manifest, data []byte) error {
	u.want = map[string]manifest.Object{}
	var total int64
	for _, o := range m.Stored() {
		if b, ok := manifest.BackupOf(o.Name); !ok || b != m.Name || !storage.ValidName(o.Name) || o.Size < 0 {
			return uploadErr(CodeUploadManifest, fmt.Sprintf("the manifest of %s names a file %q that is not one of its own", m.Name, o.Name), o.Name)
		}
		u.want[o.Name] = o
		total += o.Size
	}
	if total > u.max {
		return uploadErr(CodeUploadTooLarge, fmt.Sprintf("backup %s holds %d bytes; uploads are limited to %d", m.Name, total, u.max),
			strconv.FormatInt(u.max, 10))
	}
	u.m, u.manifest = &m, data
	return nil
}

// Commit stores the checked backup in the client's storage, the manifest last, under the
// client's lock, and returns it as listed. A backup of that name already stored is
// store.ErrExists; a missing object is refused naming it.
func (u *Upload) Commit(ctx context.Context) (Listed, error) {
	if u.m == nil {
		return Listed{}, uploadErr(CodeUploadManifestFirst, "no manifest was sent")
	}
	var missing []string
	for _, o := range u.m.Stored() {
		if !u.got[o.Name] {
			missing = append(missing, o.Name)
		}
	}
	if len(missing) > 0 {
		return Listed{}, uploadErr(CodeUploadMissing, "files of the backup were not sent: "+strings.Join(missing, ", "), missing...)
	}
	release, err := lock.Client(ctx, u.j.st.Dir(), u.login)
	if err != nil {
		return Listed{}, err
	}
	defer release()
	st, err := u.j.clientStorage(ctx, u.login, u.kind)
	if err != nil {
		return Listed{}, err
	}
	defer closeStorage(st)
	if err := u.store(ctx, st); err != nil {
		return Listed{}, err
	}
	u.j.forgetVerification(u.login, u.kind, u.m.Name)
	u.j.forgetLast(u.login)
	return u.j.listed(ctx, u.login, u.kind, u.m.Name)
}

func (u *Upload) store(ctx context.Context, st storage.Storage) error {
	if _, err := st.Stat(ctx, manifest.ManifestName(u.m.Name)); err == nil {
		return &store.Error{Code: store.CodeExists, Args: []string{u.m.Name},
			Msg: "backup " + u.m.Name + " is already in this storage; delete it first to upload it again"}
	} else if !errors.Is(err, storage.ErrNotFound) {
		return err
	}
	for _, o := range u.m.Stored() {
		if err := putFile(ctx, st, o.Name, filepath.Join(u.dir, o.Name)); err != nil {
			cleanLeftovers(ctx, st)
			return err
		}
	}
	if _, err := st.Put(ctx, manifest.ManifestName(u.m.Name), strings.NewReader(string(u.manifest))); err != nil {
		cleanLeftovers(ctx, st)
		return fmt.Errorf("upload %s: %w", u.m.Name, err)
	}
	return nil
}

func putFile(ctx context.Context, st storage.Storage, name, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if _, err := st.Put(ctx, name, f); err != nil {
		return fmt.Errorf("upload %s: %w", name, err)
	}
	return nil
}

// cleanLeftovers removes the objects of a store cut short: without their manifest they are
// never listed, and this removes them at once rather than at the next backup.
func cleanLeftovers(ctx context.Context, st storage.Storage) { removeLeftovers(ctx, st) }

// listed returns backup name of the client's storage kind as the listing shows it.
func (j *Jobs) listed(ctx context.Context, login, kind, name string) (Listed, error) {
	list, err := j.List(ctx, login, kind)
	if err != nil {
		return Listed{}, err
	}
	for _, l := range list {
		if l.Name == name {
			return l, nil
		}
	}
	return Listed{}, fmt.Errorf("upload %s: not listed once stored", name)
}
