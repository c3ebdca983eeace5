package schedule

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"coffre/engine/spec"
)

// How often a schedule runs (When.Every).
const (
	Hourly  = "hourly"
	Daily   = "daily"
	Weekly  = "weekly"
	Monthly = "monthly"
)

// Error codes of Validate, stable: the panel translates them.
const (
	CodeInvalidEvery   = "invalid_every"   // not hourly, daily, weekly or monthly
	CodeInvalidAt      = "invalid_at"      // not a time HH:MM from 00:00 to 23:59
	CodeInvalidMinute  = "invalid_minute"  // not a minute from 0 to 59
	CodeInvalidWeekday = "invalid_weekday" // not a day of the week from 0 (Sunday) to 6
	CodeInvalidDay     = "invalid_day"     // not a day of the month from 1 to 31
)

// Codes lists the codes of Validate.
var Codes = []string{CodeInvalidEvery, CodeInvalidAt, CodeInvalidMinute, CodeInvalidWeekday, CodeInvalidDay}

// When is when a schedule runs, in the host's time zone. Every picks the fields that count:
// hourly at Minute past each hour; daily at At; weekly on Weekday at At; monthly on Day at At
// (in a month without that day, on its last day).
type When struct {
	Every   string `json:"every"`
	At      string `json:"at,omitempty"`      // "HH:MM", 24-hour clock
	Minute  int    `json:"minute,omitempty"`  // hourly: minutes past the hour
	Weekday int    `json:"weekday,omitempty"` // weekly: 0 Sunday ... 6 Saturday
	Day     int    `json:"day,omitempty"`     // monthly: 1 ... 31
}

// Validate checks w, each problem with the JSON name of its field.
func (w When) Validate() spec.Errors {
	var es spec.Errors
	add := func(field, code string) { es = append(es, spec.FieldError{Field: field, Code: code}) }
	switch w.Every {
	case Hourly:
		if w.Minute < 0 || w.Minute > 59 {
			add("minute", CodeInvalidMinute)
		}
		return es
	case Daily, Weekly, Monthly:
	default:
		add("every", CodeInvalidEvery)
		return es
	}
	if _, _, ok := parseAt(w.At); !ok {
		add("at", CodeInvalidAt)
	}
	if w.Every == Weekly && (w.Weekday < 0 || w.Weekday > 6) {
		add("weekday", CodeInvalidWeekday)
	}
	if w.Every == Monthly && (w.Day < 1 || w.Day > 31) {
		add("day", CodeInvalidDay)
	}
	return es
}

// parseAt reads "HH:MM" (or "H:MM").
func parseAt(at string) (h, m int, ok bool) {
	hs, ms, found := strings.Cut(at, ":")
	if !found || len(ms) != 2 || len(hs) < 1 || len(hs) > 2 {
		return 0, 0, false
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, 0, false
	}
	return h, m, true
}

// Period is the usual time between two runs (a month counts 31 days): a schedule that has not
// succeeded for twice its period is late enough to tell the administrator.
func (w When) Period() time.Duration {
	switch w.Every {
	case Hourly:
		return time.Hour
	case Weekly:
		return 7 * 24 * time.Hour
	case Monthly:
		return 31 * 24 * time.Hour
	}
	return 24 * time.Hour
}

// String describes w in English, e.g. "daily at 02:00".
func (w When) String() string {
	h, m, _ := parseAt(w.At)
	at := fmt.Sprintf("%02d:%02d", h, m)
	switch w.Every {
	case Hourly:
		return fmt.Sprintf("hourly at %d minute(s) past the hour", w.Minute)
	case Weekly:
		return fmt.Sprintf("weekly on %s at %s", time.Weekday(w.Weekday), at)
	case Monthly:
		return fmt.Sprintf("monthly on day %d at %s", w.Day, at)
	}
	return "daily at " + at
}

func init() {
	spec.AddMessages(map[string]string{
		CodeInvalidEvery:   "must be hourly, daily, weekly or monthly",
		CodeInvalidAt:      "not a time of day such as 02:30 (00:00 to 23:59)",
		CodeInvalidMinute:  "must be a minute from 0 to 59",
		CodeInvalidWeekday: "must be a day of the week from 0 (Sunday) to 6 (Saturday)",
		CodeInvalidDay:     "must be a day of the month from 1 to 31",
	})
}
