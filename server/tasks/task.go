package tasks

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"coffre/engine/backup"
	"coffre/engine/progress"
	"coffre/engine/spec"
	"coffre/server/failure"
)

// Kind says what a task does.
type Kind string

// Task kinds.
const (
	KindBackup  Kind = "backup"
	KindRestore Kind = "restore"
	KindVerify  Kind = "verify"
)

// Status is where a task stands. Queued and running are live; the others are final.
type Status string

// Task statuses.
const (
	Queued  Status = "queued"
	Running Status = "running"
	Done    Status = "done"
	// Warnings is done, but with warnings: files not stored as they were, databases not
	// dumped, mail not restored. Never plain success.
	Warnings    Status = "warnings"
	Failed      Status = "failed"
	Cancelled   Status = "cancelled"
	Interrupted Status = "interrupted" // the process running it stopped; its leftovers were removed
)

// Succeeded reports whether the task did its work (done, possibly with warnings).
func (s Status) Succeeded() bool { return s == Done || s == Warnings }

// Ended reports whether s is a final status.
func (s Status) Ended() bool { return s != Queued && s != Running }

// Mail statuses.
const (
	MailPending = "pending" // the task ended and its mail is being sent
	MailSent    = "sent"
	MailFailed  = "failed"
)

// Caps on what a task keeps; beyond them only counts grow.
const (
	MaxWarnings = 1000 // warnings kept; WarningCount counts them all
	MaxLog      = 500  // log lines kept; LogDropped counts the others
	MaxLogLine  = 2000 // bytes of one log line
)

// Task is one backup, restore or verification with its state. Warnings and Log are empty in
// List results; Get fills them.
type Task struct {
	ID       string          `json:"id"` // decimal; IDs grow in creation order
	Kind     Kind            `json:"kind"`
	Client   string          `json:"client"`
	Notify   string          `json:"notify,omitempty"` // address mailed when the task ends
	Spec     json.RawMessage `json:"spec"`             // spec.Backup, spec.Restore or Verify, by Kind
	Status   Status          `json:"status"`
	Created  time.Time       `json:"created"`
	Started  *time.Time      `json:"started,omitempty"`
	Ended    *time.Time      `json:"ended,omitempty"`
	Progress Progress        `json:"progress"`
	Result   json.RawMessage `json:"result,omitempty"` // what Exec returned, as JSON
	Error    string          `json:"error,omitempty"`
	// Failure sorts Error (server/failure) for the panel, which says it in its language.
	Failure *failure.Info `json:"failure,omitempty"`
	Mail    Mail          `json:"mail"`
	Owner   Owner         `json:"owner"` // the process that runs or ran it
	// Schedule is set on the run of a schedule: which one, when it was due, why it was late.
	Schedule *Scheduled `json:"schedule,omitempty"`
	// Targets are the directories a restore writes below, recorded before it writes: a
	// recovery after its process was killed removes its temporary files there.
	Targets []string `json:"targets,omitempty"`

	CancelRequested bool             `json:"cancelRequested,omitempty"`
	WarningCount    int              `json:"warningCount"`
	Warnings        []backup.Warning `json:"warnings,omitempty"` // the first MaxWarnings
	LogDropped      int              `json:"logDropped,omitempty"`
	Log             []LogLine        `json:"log,omitempty"` // the first MaxLog lines
}

// Progress is the engine's progress with the rate and the time left, derived by the runner.
type Progress = progress.Rated

// LogLine is one line of a task's log: its English words, and for the panel a code it says
// in its language ("log.CODE") with the values it names.
type LogLine struct {
	Time time.Time         `json:"time"`
	Text string            `json:"text"`
	Code string            `json:"code,omitempty"`
	Args map[string]string `json:"args,omitempty"`
}

// Mail is what became of the mail sent when the task ended.
type Mail struct {
	Status  string        `json:"status,omitempty"` // "", MailPending, MailSent or MailFailed
	Error   string        `json:"error,omitempty"`
	Failure *failure.Info `json:"failure,omitempty"` // Error sorted
}

// Owner names the process that runs a task.
type Owner struct {
	PID      int    `json:"pid,omitempty"`
	Instance string `json:"instance,omitempty"` // random, one per Runner
}

// Final reports whether nothing will change the task any more: it ended and its mail, if
// any, was handled.
func (t Task) Final() bool { return t.Status.Ended() && t.Mail.Status != MailPending }

// Verify is a verification request.
type Verify struct {
	Client  string `json:"client"`
	Backup  string `json:"backup"`
	Storage string `json:"storage"`
	// TrustKey is the fingerprint of another host's key the administrator confirmed.
	TrustKey string `json:"trustKey,omitempty"`
}

// Request is what Submit and RunNow turn into a task.
type Request struct {
	Kind   Kind
	Client string
	Notify string // "" for no mail
	Spec   any    // spec.Backup, spec.Restore or Verify
	// Schedule is set by the scheduler on the run of a schedule.
	Schedule *Scheduled
}

// BackupRequest is the request of a backup; its mail goes to b.Notify.
func BackupRequest(b spec.Backup) Request {
	return Request{Kind: KindBackup, Client: b.Client, Notify: b.Notify, Spec: b}
}

// RestoreRequest is the request of a restore, mailed to notify when not empty.
func RestoreRequest(r spec.Restore, notify string) Request {
	return Request{Kind: KindRestore, Client: r.Client, Notify: notify, Spec: r}
}

// VerifyRequest is the request of a verification, mailed to notify when not empty.
func VerifyRequest(v Verify, notify string) Request {
	return Request{Kind: KindVerify, Client: v.Client, Notify: notify, Spec: v}
}

// Backup decodes the request of a backup task.
func (t Task) Backup() (b spec.Backup, err error) { return b, t.decode(KindBackup, &b) }

// Restore decodes the request of a restore task.
func (t Task) Restore() (r spec.Restore, err error) { return r, t.decode(KindRestore, &r) }

// Verify decodes the request of a verify task.
func (t Task) Verify() (v Verify, err error) { return v, t.decode(KindVerify, &v) }

func (t Task) decode(kind Kind, v any) error {
	if t.Kind != kind {
		return fmt.Errorf("task %s is a %s, not a %s", t.ID, t.Kind, kind)
	}
	if err := json.Unmarshal(t.Spec, v); err != nil {
		return fmt.Errorf("decode task %s: %w", t.ID, err)
	}
	return nil
}

// clone copies t deeply enough that the copy does not share the slices that grow.
func (t Task) clone() Task {
	t.Warnings = slices.Clone(t.Warnings)
	t.Log = slices.Clone(t.Log)
	return t
}
