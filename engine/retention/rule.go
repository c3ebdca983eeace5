package retention

import (
	"strconv"

	"coffre/engine/spec"
)

// Rule says which backups to keep; a backup is kept when any count keeps it. The zero Rule
// keeps everything (no retention).
type Rule struct {
	Last    int `json:"last,omitempty"`    // the newest N backups
	Daily   int `json:"daily,omitempty"`   // the newest backup of each of the last N days that have one
	Weekly  int `json:"weekly,omitempty"`  // ... of each of the last N weeks (ISO weeks, Monday first)
	Monthly int `json:"monthly,omitempty"` // ... of each of the last N months
}

// MaxCount bounds each count of a Rule.
const MaxCount = 1000

// CodeInvalidCount is Validate's code: a count is not from 0 to MaxCount. Args [0, MaxCount].
const CodeInvalidCount = "invalid_retention_count"

// Off reports whether r keeps everything.
func (r Rule) Off() bool { return r == Rule{} }

// Validate checks every count, each problem named by its JSON field.
func (r Rule) Validate() spec.Errors {
	var es spec.Errors
	for _, f := range []struct {
		name string
		n    int
	}{{"last", r.Last}, {"daily", r.Daily}, {"weekly", r.Weekly}, {"monthly", r.Monthly}} {
		if f.n < 0 || f.n > MaxCount {
			es = append(es, spec.FieldError{Field: f.name, Code: CodeInvalidCount, Args: []string{"0", strconv.Itoa(MaxCount)}})
		}
	}
	return es
}

func init() {
	spec.AddMessages(map[string]string{CodeInvalidCount: "must be a number from %0 to %1"})
}
