package scheduler

import (
	"regexp"
	"time"

	"coffre/engine/retention"
	"coffre/engine/schedule"
	"coffre/engine/spec"
)

// DefaultID names a client's schedule when none is given: the Schedule page edits it.
const DefaultID = "default"

// How often an incremental schedule starts a new chain with a full backup (Schedule.FullEvery).
const (
	FullWeekly  = "week"
	FullMonthly = "month"
)

// Who is mailed when a run ends (Schedule.NotifyOn): Backup.Notify, on errors only or always.
const (
	NotifyErrors = "errors"
	NotifyAlways = "always"
)

// What a schedule's retention rule covers (Schedule.RetentionScope).
const (
	ScopeSchedule = "schedule" // the backups this schedule made
	ScopeStorage  = "storage"  // every backup of the schedule's storage, manual ones included
)

// Error codes of Validate beyond those of spec, schedule and retention.
const (
	CodeInvalidID        = "invalid_schedule_id"     // not 1 to 32 of a-z, 0-9 and -
	CodeInvalidFullEvery = "invalid_full_every"      // not week or month
	CodeInvalidNotifyOn  = "invalid_notify_on"       // not errors or always
	CodeInvalidScope     = "invalid_retention_scope" // not schedule or storage
)

// Schedule is one client's scheduled backup: the Back Up form's choices, when it runs, and
// what it keeps.
type Schedule struct {
	ID     string        `json:"id"`
	Client string        `json:"client"`
	Backup spec.Backup   `json:"backup"` // Backup.Notify is the address mailed (NotifyOn)
	When   schedule.When `json:"when"`
	// FullEvery, for an incremental schedule, is how often a full backup starts a new chain:
	// FullWeekly or FullMonthly ("" keeps one chain until it breaks).
	FullEvery      string         `json:"fullEvery,omitempty"`
	NotifyOn       string         `json:"notifyOn,omitempty"` // NotifyErrors (default) or NotifyAlways
	LowPriority    bool           `json:"lowPriority,omitempty"`
	Retention      retention.Rule `json:"retention"`
	RetentionScope string         `json:"retentionScope,omitempty"` // ScopeSchedule (default) or ScopeStorage
	// PasswordKept says a backup password is kept for the runs, which then make protected
	// backups (Backup.Protected). The password itself is sealed apart (SetWithPassword) and
	// never part of this record.
	PasswordKept bool `json:"passwordKept"`

	Updated time.Time `json:"updated"` // when it was last set
	State   State     `json:"state"`
}

// State is what the scheduler knows of a schedule's runs.
type State struct {
	LastDue     time.Time `json:"lastDue"`              // the last due time handled (run, or folded into one)
	LastTask    string    `json:"lastTask,omitempty"`   // the task of the last run
	LastStatus  string    `json:"lastStatus,omitempty"` // its status, once seen ended
	LastEnded   time.Time `json:"lastEnded,omitzero"`   // when it ended
	LastSuccess time.Time `json:"lastSuccess,omitzero"` // when a run last succeeded
	LastFull    time.Time `json:"lastFull,omitzero"`    // the due time of the last run that made a full backup
	Alerted     bool      `json:"alerted,omitempty"`    // the administrator was mailed about failures since LastSuccess
}

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// Validate checks everything but the backup's rights (jobs.CheckBackup): the id, when, the
// full-backup period, the mail choice and the retention rule.
func (s Schedule) Validate() spec.Errors {
	var es spec.Errors
	if !idPattern.MatchString(s.ID) {
		es = append(es, spec.FieldError{Field: "id", Code: CodeInvalidID})
	}
	es = append(es, s.When.Validate()...)
	if s.FullEvery != "" && s.FullEvery != FullWeekly && s.FullEvery != FullMonthly {
		es = append(es, spec.FieldError{Field: "fullEvery", Code: CodeInvalidFullEvery})
	}
	if s.NotifyOn != "" && s.NotifyOn != NotifyErrors && s.NotifyOn != NotifyAlways {
		es = append(es, spec.FieldError{Field: "notifyOn", Code: CodeInvalidNotifyOn})
	}
	if s.RetentionScope != "" && s.RetentionScope != ScopeSchedule && s.RetentionScope != ScopeStorage {
		es = append(es, spec.FieldError{Field: "retentionScope", Code: CodeInvalidScope})
	}
	return append(es, s.Retention.Validate()...)
}

// Policy is the schedule's retention rule with what it covers.
func (s Schedule) Policy() retention.Policy {
	p := retention.Policy{Rule: s.Retention, Tag: s.ID}
	if s.RetentionScope == ScopeStorage {
		p.Tag = ""
	}
	return p
}
