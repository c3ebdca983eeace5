package spec

// Scope says what a backup covers: the whole account with its websites, or the websites only.
type Scope string

const (
	ScopeAccount  Scope = "account"  // Back Up Account and Websites
	ScopeWebsites Scope = "websites" // Back Up Websites
)

// Storage names where a backup is kept.
const (
	StorageServer = "server" // the server storage, under the data directory
	StorageFTP    = "ftp"    // the client's personal FTP storage
)

// Backup is a backup request: every option of the Back Up form (step 6 of docs/panel-flow.md).
type Backup struct {
	Client        string   `json:"client"`                  // the client's login
	Scope         Scope    `json:"scope"`                   // account or websites
	Subscriptions []string `json:"subscriptions,omitempty"` // main domains; empty means all of the client's
	ConfigOnly    bool     `json:"configOnly"`              // configuration only, no content
	Mail          bool     `json:"mail"`                    // mail configuration and content
	Files         bool     `json:"files"`                   // user files and databases
	Storage       string   `json:"storage"`                 // StorageServer or StorageFTP
	Incremental   bool     `json:"incremental"`             // the first backup of a chain is full anyway
	SplitMB       int      `json:"splitMB,omitempty"`       // volume size in MiB; 0 means one volume
	Comment       string   `json:"comment,omitempty"`
	ExcludeLogs   bool     `json:"excludeLogs"`       // only with Files
	Exclude       string   `json:"exclude,omitempty"` // patterns as typed (engine/pattern); only with Files
	Notify        string   `json:"notify,omitempty"`  // mail address told when the task ends
	// Protected: the volumes and the index are encrypted with a password given with the
	// request, never stored in it (engine/protect).
	Protected bool `json:"protected,omitempty"`
	// SafetyFor, on a safety backup (made by a restore just before it writes, of what it is
	// about to replace or remove), names the backup being restored. Set by the server only.
	SafetyFor string `json:"safetyFor,omitempty"`
	// Schedule, on a backup made by a schedule, names it: the schedule's retention rule then
	// covers the backup. Set by the server only.
	Schedule string `json:"schedule,omitempty"`
}

// Restore is a restore request.
type Restore struct {
	Client        string   `json:"client"`
	Backup        string   `json:"backup"` // the backup's name
	Storage       string   `json:"storage"`
	Subscriptions []string `json:"subscriptions,omitempty"` // empty means all in the backup
	Paths         []string `json:"paths,omitempty"`         // slash paths relative to a webspace root; empty means all
	To            string   `json:"to,omitempty"`            // a directory to restore into, in the archive's layout; empty means in place
	// Mailboxes are addresses whose mail to restore; Databases the databases to restore. With
	// none of Paths, Mailboxes and Databases, everything the backup holds is restored; with
	// some, only what they name.
	Mailboxes []string          `json:"mailboxes,omitempty"`
	Databases []DatabaseRestore `json:"databases,omitempty"`
	// Overwrite lets a database that exists be replaced. Without it such a restore is refused
	// before anything is written.
	Overwrite bool `json:"overwrite,omitempty"`
	// TrustKey is the fingerprint of another host's key that the administrator confirmed for
	// this restore (manifest.KeyFingerprint); a client never sends one.
	TrustKey string `json:"trustKey,omitempty"`
	// RootBase is where the webspaces of subscriptions that do not exist on this host are
	// recreated (RootBase/<domain>); empty keeps the roots the backup held. Administrator only.
	RootBase string `json:"rootBase,omitempty"`
	// Recreate asks to recreate the subscriptions of the backup that do not exist on this host,
	// with the webspace roots the backup held (or under RootBase). Administrator only.
	Recreate bool `json:"recreate,omitempty"`
	// Existing says how files that exist at the destination are treated: ExistingOverwrite (the
	// default; also removes, below each restored folder, what the backup did not have),
	// ExistingNewer (files newer than the backup's are kept), ExistingMissing (only what is
	// missing is added). The last two never remove anything.
	Existing string `json:"existing,omitempty"`
	// Into is a folder of each restored subscription's webspace (a slash path relative to its
	// root) to restore its files into instead of in place; the webspace's layout is kept there.
	Into string `json:"into,omitempty"`
	// NoSafetyBackup skips the safety backup that a restore in place makes first of the
	// webspaces it writes to, so that it can be undone.
	NoSafetyBackup bool `json:"noSafetyBackup,omitempty"`
	// Undo marks the restore of a safety backup that undoes a restore: a requested path the
	// backup does not hold did not exist before that restore, and is removed.
	Undo bool `json:"undo,omitempty"`
	// Notify is a mail address told when the restore ends.
	Notify string `json:"notify,omitempty"`
}

// How a restore treats the files that exist at the destination (Restore.Existing).
const (
	ExistingOverwrite = "overwrite"
	ExistingNewer     = "newer"
	ExistingMissing   = "missing"
)

// ExistingMode returns r.Existing, ExistingOverwrite when empty.
func (r Restore) ExistingMode() string {
	if r.Existing == "" {
		return ExistingOverwrite
	}
	return r.Existing
}

// DatabaseRestore is one database to restore: its name in the backup, and the name to give it
// ("" for its own).
type DatabaseRestore struct {
	Name string `json:"name"`
	As   string `json:"as,omitempty"`
}
