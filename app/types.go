package app

import (
	"encoding/json"
	"time"

	"coffre/engine/progress"
	"coffre/engine/spec"
)

// The API's JSON shapes, mirrored from server/tasks (Task) and engine/backup (Entry): the panel
// must not import either (the wasm carries no server code). A native test decodes the real
// types' JSON into these and back. Progress and warnings are engine/progress's own types.

// taskStatus is where a task stands: queued and running are live, the others final.
type taskStatus string

const (
	taskQueued      taskStatus = "queued"
	taskRunning     taskStatus = "running"
	taskDone        taskStatus = "done"
	taskWarnings    taskStatus = "warnings" // done, but not everything as asked
	taskFailed      taskStatus = "failed"
	taskCancelled   taskStatus = "cancelled"
	taskInterrupted taskStatus = "interrupted"
)

// taskStatuses lists every status, for the translations' test.
var taskStatuses = []taskStatus{taskQueued, taskRunning, taskDone, taskWarnings, taskFailed, taskCancelled, taskInterrupted}

// succeeded reports whether the task did its work (possibly with warnings).
func (s taskStatus) succeeded() bool { return s == taskDone || s == taskWarnings }

// ended reports whether the task will not run any more.
func (s taskStatus) ended() bool { return s != taskQueued && s != taskRunning }

// task is one backup, restore or verification (server/tasks.Task).
type task struct {
	ID              string             `json:"id"`
	Kind            string             `json:"kind"` // backup, restore, verify
	Client          string             `json:"client"`
	Notify          string             `json:"notify,omitempty"`
	Spec            json.RawMessage    `json:"spec"`
	Status          taskStatus         `json:"status"`
	Created         time.Time          `json:"created"`
	Started         *time.Time         `json:"started,omitempty"`
	Ended           *time.Time         `json:"ended,omitempty"`
	Progress        progress.Rated     `json:"progress"`
	Result          json.RawMessage    `json:"result,omitempty"`
	Error           string             `json:"error,omitempty"`
	Failure         *failureInfo       `json:"failure,omitempty"`
	Mail            taskMail           `json:"mail"`
	Owner           taskOwner          `json:"owner"`
	CancelRequested bool               `json:"cancelRequested,omitempty"`
	WarningCount    int                `json:"warningCount"`
	Warnings        []progress.Warning `json:"warnings,omitempty"`
	LogDropped      int                `json:"logDropped,omitempty"`
	Log             []logLine          `json:"log,omitempty"`
}

// final reports whether nothing will change the task any more: ended, its mail handled.
func (t task) final() bool { return t.Status.ended() && t.Mail.Status != mailPending }

// backupSpec is the request of a backup task; ok is false for another kind.
func (t task) backupSpec() (b spec.Backup, ok bool) {
	return b, t.Kind == "backup" && json.Unmarshal(t.Spec, &b) == nil
}

// backupResult is what a finished backup task returned; ok is false when there is none.
func (t task) backupResult() (r backupResult, ok bool) {
	return r, t.Kind == "backup" && len(t.Result) > 0 && json.Unmarshal(t.Result, &r) == nil && r.Entry.Name != ""
}

// Mail statuses of a task.
const (
	mailPending = "pending"
	mailSent    = "sent"
	mailFailed  = "failed"
)

type taskMail struct {
	Status  string       `json:"status,omitempty"`
	Error   string       `json:"error,omitempty"`
	Failure *failureInfo `json:"failure,omitempty"`
}

// failureInfo is an error sorted by the server (server/failure): a code the panel says in its
// language, with the values it names.
type failureInfo struct {
	Code string   `json:"code"`
	Args []string `json:"args,omitempty"`
}

type taskOwner struct {
	PID      int    `json:"pid,omitempty"`
	Instance string `json:"instance,omitempty"`
}

type logLine struct {
	Time time.Time         `json:"time"`
	Text string            `json:"text"`
	Code string            `json:"code,omitempty"`
	Args map[string]string `json:"args,omitempty"`
}

// backupResult is a finished backup (engine/backup.Result).
type backupResult struct {
	Entry    backupEntry `json:"entry"`
	Warnings int         `json:"warnings"`
	Skipped  []string    `json:"skipped,omitempty"`
}

// backupEntry is one backup of a storage (engine/backup.Entry, plus the storage it is in).
type backupEntry struct {
	Kept     bool        `json:"kept,omitempty"` // kept forever: retention never deletes it
	Name     string      `json:"name"`
	Client   string      `json:"client"`
	Created  time.Time   `json:"created"`
	Type     string      `json:"type"` // full, incremental
	Parent   string      `json:"parent,omitempty"`
	Spec     spec.Backup `json:"spec"`
	Size     int64       `json:"size"`
	Volumes  []volume    `json:"volumes"`
	Files    int64       `json:"files"`
	Status   string      `json:"status"` // ok, broken
	Missing  []string    `json:"missing,omitempty"`
	Verified *time.Time  `json:"verified,omitempty"`
	Storage  string      `json:"storage,omitempty"`
	// Subscriptions and Captured are what the backup holds, from its manifest (nil Captured:
	// a backup made before Coffre recorded it).
	Subscriptions []string  `json:"subscriptions,omitempty"`
	Captured      *captured `json:"captured,omitempty"`
	// Signature says who signed the manifest: host, trusted, other (with the key's
	// fingerprint), unsigned or mismatch.
	Signature signature `json:"signature"`
	// Verification is what the last verification found (verified.go), nil if never verified.
	Verification *verification `json:"verification,omitempty"`
	// Protected: encrypted with a password, asked to restore, browse or verify it.
	Protected bool `json:"protected,omitempty"`
}

// captured is what a backup holds (engine/manifest.Captured).
type captured struct {
	Files     bool              `json:"files"`
	Mail      bool              `json:"mail"`
	Databases bool              `json:"databases"`
	WebFiles  int64             `json:"webFiles"`
	WebBytes  int64             `json:"webBytes"`
	DBs       []capturedDB      `json:"databaseList"`
	Mailboxes []capturedMailbox `json:"mailboxes"`
}

// capturedDB is a database of a backup: its dump's size, or the warning in its place.
type capturedDB struct {
	Subscription string `json:"subscription"`
	Name         string `json:"name"`
	Engine       string `json:"engine"`
	Path         string `json:"path,omitempty"`
	Parts        int    `json:"parts,omitempty"`
	Size         int64  `json:"size"`
	Warning      string `json:"warning,omitempty"`
}

// capturedMailbox is a mailbox of a backup with its message count.
type capturedMailbox struct {
	Subscription string `json:"subscription"`
	Address      string `json:"address"`
	Path         string `json:"path"`
	Messages     int64  `json:"messages"`
	Stored       int64  `json:"stored"`
	Warning      string `json:"warning,omitempty"`
}

// signature is who signed a backup's manifest (engine/manifest.SignatureStatus).
type signature struct {
	Signer      string `json:"signer"`
	Fingerprint string `json:"fingerprint,omitempty"`
}

// storage is where the backup is kept: the listing's field, else the request's.
func (e backupEntry) storage() string {
	if e.Storage != "" {
		return e.Storage
	}
	return e.Spec.Storage
}

type volume struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// preview is what the exclusions of a request would leave out of the client's webspaces.
type preview struct {
	Files     int64    `json:"files"`
	Dirs      int64    `json:"dirs"`
	Bytes     int64    `json:"bytes"`
	Paths     []string `json:"paths"` // a directory's ends in "/"
	Truncated bool     `json:"truncated"`
	Unmatched []string `json:"unmatched"` // patterns, as typed, that leave nothing out
}

// smtpSettings are the host's mail settings as the API shows and takes them. Password is only
// sent, never received: empty keeps the saved one.
type smtpSettings struct {
	Host        string `json:"host"`
	Port        int    `json:"port"`
	TLS         string `json:"tls"` // none, starttls, tls
	User        string `json:"user"`
	Password    string `json:"password,omitempty"`
	From        string `json:"from"`
	HasPassword bool   `json:"hasPassword,omitempty"`
}

// restorePreview is what a restore would change (engine/restore.Preview), for the request For.
type restorePreview struct {
	For           spec.Restore `json:"-"`
	Backup        string       `json:"backup"`
	Existing      string       `json:"existing"`
	Added         int64        `json:"added"`
	Replaced      int64        `json:"replaced"`
	Unchanged     int64        `json:"unchanged"`
	Kept          int64        `json:"kept"`
	Removed       int64        `json:"removed"`
	AddedPaths    []string     `json:"addedPaths"`
	ReplacedPaths []string     `json:"replacedPaths"`
	KeptPaths     []string     `json:"keptPaths"`
	RemovedPaths  []string     `json:"removedPaths"`
	Bytes         int64        `json:"bytes"`
	Subscriptions []string     `json:"subscriptions"`
	Mailboxes     []string     `json:"mailboxes"`
	Databases     []string     `json:"databases"`
	Targets       []string     `json:"targets"`
}

// restoreResult is what a restore task returned (engine/restore.Result).
type restoreResult struct {
	Backup    string   `json:"backup"`
	Files     int64    `json:"files"`
	Dirs      int64    `json:"dirs"`
	Symlinks  int64    `json:"symlinks"`
	Bytes     int64    `json:"bytes"`
	Removed   int64    `json:"removed"`
	Skipped   int64    `json:"skipped"`
	MailKept  int64    `json:"mailKept"`
	Databases []string `json:"databases"`
	Kept      int64    `json:"kept"`
	Existing  string   `json:"existing"`
	Targets   []string `json:"targets"`
	Safety    string   `json:"safety"`
}

// restoreSpec is the request of a restore task; ok is false for another kind.
func (t task) restoreSpec() (r spec.Restore, ok bool) {
	return r, t.Kind == "restore" && json.Unmarshal(t.Spec, &r) == nil
}

// restoreResult is what a restore task returned; ok is false when there is none.
func (t task) restoreResult() (r restoreResult, ok bool) {
	return r, t.Kind == "restore" && len(t.Result) > 0 && json.Unmarshal(t.Result, &r) == nil
}
