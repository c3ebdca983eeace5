package manifest

import "fmt"

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

// check refuses a record whose names could reach outside their place: database and mailbox
// paths must be exactly what Coffre writes for their subscription and name.
func (c *Captured) check() error {
	if c == nil {
		return nil
	}
	for _, d := range c.DBs {
		if !plainName(d.Subscription) || !dbName(d.Name) || d.Size < 0 || d.Parts < 0 ||
			d.Path != "" && d.Path != "databases/"+d.Subscription+"/"+d.Name+dbExt(d.Engine) {
			return fmt.Errorf("database %q: %w", d.Name, ErrInvalid)
		}
	}
	for _, m := range c.Mailboxes {
		if !plainName(m.Subscription) || !plainName(m.Address) || m.Path != "mail/"+m.Subscription+"/"+m.Address ||
			m.Messages < 0 || m.Stored < 0 {
			return fmt.Errorf("mailbox %q: %w", m.Address, ErrInvalid)
		}
	}
	return nil
}

// plainName is a non-empty path component other than "." and "..", without control bytes.
func plainName(s string) bool {
	if s == "" || s == "." || s == ".." || len(s) > 255 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '/' || s[i] < 0x20 || s[i] == 0x7f {
			return false
		}
	}
	return true
}

func dbName(s string) bool {
	ok := len(s) > 0 && len(s) <= 64 && s[0] != '-'
	for i := 0; ok && i < len(s); i++ {
		c := s[i]
		ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
	}
	return ok
}

func dbExt(engine string) string {
	switch engine {
	case "postgres", "mysql":
		return ".sql"
	case "sqlite":
		return ".sqlite"
	}
	return "\x00" // no path matches an unknown engine
}
