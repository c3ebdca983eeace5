package backup

import (
	"context"
	"crypto/ed25519"
	"errors"
	"log/slog"
	"time"

	"coffre/engine/account"
	"coffre/engine/manifest"
	"coffre/engine/progress"
	"coffre/engine/protect"
	"coffre/engine/spec"
	"coffre/engine/storage"
)

// Options are the inputs of Run. Zero values get defaults in one place (Run): Clock time.Now,
// Progress and Warn no-ops, Log discards.
type Options struct {
	Account account.Account // the client's configuration: what is backed up and where it lives
	Spec    spec.Backup     // the request, already validated by spec.Validate
	Storage storage.Storage // the client's storage folder
	HostKey ed25519.PrivateKey
	Clock   func() time.Time
	// Progress is called from one goroutine, at most about 5 times a second, and once at the end.
	Progress func(Progress)
	// Warn is called for each file that could not be backed up as it was (skipped, changed, ...)
	// and each database that could not be dumped.
	Warn func(Warning)
	// Secret returns a database's password ("" for none). Nil: no database has one.
	Secret func(account.Database) (string, error)
	// DumpPart is the size of the parts a large dump is cut into; 0 for DefaultDumpPart.
	DumpPart int
	Log      *slog.Logger
	// Key, when set, protects the backup with its password (engine/protect): it can then only
	// follow a backup protected with the same password in a chain.
	Key *protect.Key
	// MinFree is the free space to keep in a storage that knows its own (storage.Spacer): a
	// backup whose estimated size would leave less is refused before it writes.
	MinFree int64
}

// Progress is a backup's or a restore's advance.
type Progress = progress.Progress

// Warning is a file that was skipped or stored in a state other than the one first seen.
type Warning = progress.Warning

// Result describes a finished, listed backup.
type Result struct {
	Entry    Entry    `json:"entry"`
	Warnings int      `json:"warnings"`
	Skipped  []string `json:"skipped,omitempty"`
}

// Entry is one backup of the catalog, read from its manifest.
type Entry struct {
	Name    string    `json:"name"` // e.g. acme_2026-11-25T093000Z_full
	Client  string    `json:"client"`
	Created time.Time `json:"created"`
	Type    string    `json:"type"` // "full" or "incremental"
	// Subscriptions are the subscriptions (main domains) the backup covers.
	Subscriptions []string    `json:"subscriptions,omitempty"`
	Parent        string      `json:"parent,omitempty"`
	Spec          spec.Backup `json:"spec"` // scope, content, storage, comment, exclusions
	Size          int64       `json:"size"` // sum of the volumes
	Volumes       []Volume    `json:"volumes"`
	Files         int64       `json:"files"`             // entries stored in this backup's archive
	Status        string      `json:"status"`            // "ok", or "broken" when a link of its chain is missing or corrupt
	Missing       []string    `json:"missing,omitempty"` // the chain's missing backups, when broken
	Verified      *time.Time  `json:"verified,omitempty"`
	// Captured is what the backup holds (manifest.Captured); nil for a backup made before
	// Coffre recorded it.
	Captured *manifest.Captured `json:"captured,omitempty"`
	// Signature says who signed the manifest: this host, a trusted host, another host (with
	// its key's fingerprint), nobody, or a signature that does not match (set by List).
	Signature manifest.SignatureStatus `json:"signature"`
	// Protected: the backup is encrypted with a password, asked to read it.
	Protected bool `json:"protected,omitempty"`
}

// Volume is one stored part of a backup's archive.
type Volume struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// ErrBrokenChain is wrapped by errors about a chain with a missing or corrupt backup.
var ErrBrokenChain = errors.New("broken backup chain")

// Run backs up opts.Account as opts.Spec asks, into opts.Storage. It first removes leftovers of
// unfinished backups (Clean). It returns only once the manifest is stored: a backup that fails
// or is cancelled leaves no manifest and deletes what it wrote. The caller holds the client's
// lock, so that no two backups of one client run at once.
func Run(ctx context.Context, opts Options) (Result, error) {
	return run(ctx, opts)
}
