package progress

// Progress is a backup's or a restore's advance.
type Progress struct {
	Phase string `json:"phase"` // "scan", "archive", "index", "manifest", "done" (a restore has its own)
	// Files counts the entries stored (files, folders, links), as the backup's Files does.
	Files      int64  `json:"files"`
	Bytes      int64  `json:"bytes"`      // counted as they are read, within a file too
	TotalFiles int64  `json:"totalFiles"` // known after the scan, 0 before
	TotalBytes int64  `json:"totalBytes"`
	Current    string `json:"current,omitempty"` // the item being read or written
}

// Rated is a task's Progress with the rate and the time left that the task runner derives.
type Rated struct {
	Progress
	Rate int64 `json:"rate"`          // bytes per second in the current phase
	ETA  int64 `json:"eta,omitempty"` // seconds left, when the totals are known
}

// Warning is a path that was skipped or stored (or restored) in a state other than the one
// first seen, or a database or mailbox that could not be captured.
type Warning struct {
	Path string `json:"path"` // "files/<domain>/<rel>" as in the archive
	Code string `json:"code"` // one of Codes
	Err  string `json:"error"`
}

// Warning codes.
const (
	ChangedType       = "changed_type"
	SpecialFile       = "special_file"
	Vanished          = "vanished"
	ChangedWhile      = "changed_while_read"
	ForeignHardlink   = "foreign_hardlink"
	MountPoint        = "mount_point"
	Unreadable        = "unreadable"
	DatabaseNotDumped = "database_not_dumped"
	MailboxUnreadable = "mailbox_unreadable"
	NotRestored       = "not_restored"
	NotRecreated      = "not_recreated"    // a new host's configuration could not be recreated
	RetentionFailed   = "retention_failed" // a scheduled backup's retention rule could not delete
)

// Codes lists every warning code (the panel and the mails translate each).
var Codes = []string{ChangedType, SpecialFile, Vanished, ChangedWhile, ForeignHardlink, MountPoint, Unreadable,
	DatabaseNotDumped, MailboxUnreadable, NotRestored, NotRecreated, RetentionFailed}
