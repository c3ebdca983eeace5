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

// Backup is a backup request: every option of the seed's form (step 6).
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
}

// DatabaseRestore is one database to restore: its name in the backup, and the name to give it
// ("" for its own).
type DatabaseRestore struct {
	Name string `json:"name"`
	As   string `json:"as,omitempty"`
}
