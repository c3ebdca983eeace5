package manifest

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"coffre/engine/spec"
	"coffre/engine/storage"
)

// Format is the version of the backup format this package writes and reads.
const Format = 1

// MaxSize bounds a manifest file; a larger one is refused unread.
const MaxSize = 4 << 20

// Backup types.
const (
	Full        = "full"
	Incremental = "incremental"
)

// Manifest describes one backup: what was asked, its chain, and every object it consists of.
type Manifest struct {
	Format        int         `json:"format"`
	Name          string      `json:"name"`
	Client        string      `json:"client"`
	Type          string      `json:"type"`             // Full or Incremental
	Parent        string      `json:"parent,omitempty"` // the previous backup of the chain
	Created       time.Time   `json:"created"`
	Spec          spec.Backup `json:"spec"`
	Subscriptions []string    `json:"subscriptions"` // the subscriptions (main domains) the backup covers
	Volumes       []Object    `json:"volumes"`       // the archive, in order
	Index         Object      `json:"index"`
	Files         int64       `json:"files"`    // tar entries stored under files/ and mail/
	Bytes         int64       `json:"bytes"`    // content bytes stored
	Entries       int64       `json:"entries"`  // index records
	Warnings      int         `json:"warnings"` // files skipped or stored as changed, databases not dumped
	Captured      *Captured   `json:"captured,omitempty"`
	// Protection is set on a password-protected backup (protect.go): Volumes and Index are then
	// the encrypted objects as stored, and the rest of the record is the redacted one.
	Protection *Protection `json:"protection,omitempty"`
}

// Object is one stored object of a backup, with its size and SHA-256 (lower-case hex).
type Object struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Errors callers branch on.
var (
	ErrInvalid   = errors.New("invalid manifest")
	ErrSignature = errors.New("manifest signature invalid")
	// ErrMissing is wrapped, beside storage.ErrNotFound, when the storage holds no manifest
	// of that name: no such backup (or one whose writing never finished).
	ErrMissing = errors.New("no such backup")
)

// Load reads and parses (without checking the signature) the manifest of backup n in st.
func Load(ctx context.Context, st storage.Storage, n string) (Manifest, error) {
	b, err := ReadFile(ctx, st, n)
	if err != nil {
		return Manifest{}, err
	}
	m, err := Parse(b)
	if err != nil {
		return m, err
	}
	return unseal(ctx, st, m)
}

// LoadVerified reads backup n's manifest in st and parses it, checking that one of keys signed
// it (ErrSignature otherwise; no check without a key) and that it names backup n (ErrInvalid
// otherwise).
func LoadVerified(ctx context.Context, st storage.Storage, n string, keys ...ed25519.PublicKey) (Manifest, error) {
	b, err := ReadFile(ctx, st, n)
	if err != nil {
		return Manifest{}, err
	}
	var m Manifest
	if len(Keyring{Imported: keys}.Keys()) > 0 {
		m, err = Verify(b, keys...)
	} else {
		m, err = Parse(b)
	}
	if err == nil && m.Name != n {
		return Manifest{}, fmt.Errorf("manifest %s names backup %s: %w", n, m.Name, ErrInvalid)
	}
	if err != nil {
		return m, err
	}
	return unseal(ctx, st, m)
}

// ReadFile returns the bytes of backup n's manifest, at most MaxSize.
func ReadFile(ctx context.Context, st storage.Storage, n string) ([]byte, error) {
	rc, err := st.Open(ctx, ManifestName(n))
	if errors.Is(err, storage.ErrNotFound) {
		return nil, fmt.Errorf("open manifest %s: %w: %w", n, ErrMissing, err)
	}
	if err != nil {
		return nil, fmt.Errorf("open manifest %s: %w", n, err)
	}
	defer rc.Close()
	var buf bytes.Buffer
	k, err := io.Copy(&buf, io.LimitReader(rc, MaxSize+1))
	if err != nil {
		return nil, fmt.Errorf("read manifest %s: %w", n, err)
	}
	if k > MaxSize {
		return nil, fmt.Errorf("read manifest %s: larger than %d bytes: %w", n, MaxSize, ErrInvalid)
	}
	return buf.Bytes(), nil
}

// Body is m as JSON without volumes and index: what the archive carries as coffre/manifest.json.
func Body(m Manifest) ([]byte, error) {
	m.Volumes, m.Index = nil, Object{}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("manifest body: %w", err)
	}
	return append(b, '\n'), nil
}
