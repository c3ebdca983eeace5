package manifest

// Captured is what a backup actually holds, as the backup found it: the panel, the CLI and the
// mails describe a backup from it, never from the request. A manifest written before it
// existed has none (nil).
type Captured struct {
	Files     bool `json:"files"`     // the webspaces' files (files/)
	Mail      bool `json:"mail"`      // mail configuration and the mailboxes' content (mail/)
	Databases bool `json:"databases"` // database definitions and dumps (databases/)
	// WebFiles counts the regular files of the webspaces' state (stored here or before).
	WebFiles  int64      `json:"webFiles"`
	WebBytes  int64      `json:"webBytes"`
	DBs       []Database `json:"databaseList"`
	Mailboxes []Mailbox  `json:"mailboxes"`
}

// Database is one database of a backup: its dump, or the warning that stands in its place.
type Database struct {
	Subscription string `json:"subscription"`
	Name         string `json:"name"`
	Engine       string `json:"engine"`            // "postgres", "mysql" or "sqlite"
	Path         string `json:"path,omitempty"`    // archive path of the dump: databases/<domain>/<name>.sql or .sqlite
	Parts        int    `json:"parts,omitempty"`   // 0: one entry at Path; n: Path.001 to Path.n (cat them, in order)
	Size         int64  `json:"size"`              // bytes of the dump
	Warning      string `json:"warning,omitempty"` // why there is no (complete) dump: the tool's own message
}

// Dumped reports whether the backup holds a complete dump of the database.
func (d Database) Dumped() bool { return d.Warning == "" && d.Path != "" }

// Mailbox is one mailbox of a backup.
type Mailbox struct {
	Subscription string `json:"subscription"`
	Address      string `json:"address"`
	Path         string `json:"path"`              // archive path of its Maildir: mail/<domain>/<address>
	Messages     int64  `json:"messages"`          // messages in the mailbox's state
	Stored       int64  `json:"stored"`            // of them, those whose content this backup's archive holds
	Warning      string `json:"warning,omitempty"` // why its Maildir could not be read
}
