package restore

import (
	"crypto/ed25519"
	"io"
	"log/slog"
	"time"

	"coffre/engine/account"
	"coffre/engine/backup"
	"coffre/engine/spec"
	"coffre/engine/storage"
)

// Options are the inputs of Run. Zero values get defaults in one place (withDefaults): Clock
// time.Now, Progress, Warn and Targets no-ops, Log discards.
type Options struct {
	Account account.Account // where each subscription's webspace is
	Spec    spec.Restore    // what to restore, already validated
	Storage storage.Storage // the client's storage folder
	// HostKey, when set, must have signed every manifest of the chain, else nothing is written.
	HostKey ed25519.PublicKey
	// Trusted are other keys whose manifests are restored too (imported hosts' keys, or one the
	// administrator confirmed); with neither HostKey nor Trusted, signatures are not checked.
	Trusted []ed25519.PublicKey
	Clock   func() time.Time
	// Progress is called from one goroutine, at most about 5 times a second, and at each phase
	// ("check", "restore", "prune", "done").
	Progress func(backup.Progress)
	// Warn is called for each entry that was not restored as it was (a device, a hard link
	// across webspaces).
	Warn func(backup.Warning)
	Log  *slog.Logger
	// Workers write small files in parallel (see extract.Options); 0 for the default.
	Workers int
	// Targets is called once, before any file is written, with the directories the restore
	// writes below, so that a recovery after a kill knows where to look for its temporary files
	// (RemoveTemps). The restore stops on its error.
	Targets func(dirs []string) error
	// Secret returns a database's password ("" for none). Nil: no database has one.
	Secret func(account.Database) (string, error)
}

// Result describes a finished restore.
type Result struct {
	Backup   string   `json:"backup"`
	Chain    []string `json:"chain"` // the backups whose archives were read, oldest first
	Files    int64    `json:"files"` // regular files written (hard links included)
	Dirs     int64    `json:"dirs"`
	Symlinks int64    `json:"symlinks"`
	Bytes    int64    `json:"bytes"`
	Removed  int64    `json:"removed"` // paths removed because the backup's state did not have them
	Skipped  int64    `json:"skipped"`
	MailKept int64    `json:"mailKept"` // mail files the mailboxes already held, left as they were
	// Databases are the databases loaded (or written as files with To), by the name given.
	Databases []string `json:"databases,omitempty"`
	// Kept counts the files that existed and were left as they were (Existing newer or missing).
	Kept int64 `json:"kept,omitempty"`
	// Existing is how existing files were treated; Targets the folders written below.
	Existing string   `json:"existing,omitempty"`
	Targets  []string `json:"targets,omitempty"`
	// Safety names the safety backup made just before the restore wrote (set by the server),
	// whose restore undoes this one.
	Safety string `json:"safety,omitempty"`
}

func (o Options) withDefaults() Options {
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Progress == nil {
		o.Progress = func(backup.Progress) {}
	}
	if o.Warn == nil {
		o.Warn = func(backup.Warning) {}
	}
	if o.Targets == nil {
		o.Targets = func([]string) error { return nil }
	}
	if o.Secret == nil {
		o.Secret = func(account.Database) (string, error) { return "", nil }
	}
	if o.Log == nil {
		o.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return o
}
