package verify

import (
	"errors"
	"fmt"
	"strings"
)

// ErrFailed is wrapped by the error of a verification that found problems.
var ErrFailed = errors.New("backup verification failed")

// maxProblems bounds the problems a report lists; the others are only counted.
const maxProblems = 100

// Report is what Run found about one backup.
type Report struct {
	Backup   string    `json:"backup"`
	Volumes  int       `json:"volumes"`  // volumes checked
	Entries  int64     `json:"entries"`  // archive entries read
	Bytes    int64     `json:"bytes"`    // content bytes read from the archive
	Indexed  int64     `json:"indexed"`  // index records
	Problems []Problem `json:"problems"` // empty when the backup is sound
	More     int       `json:"more,omitempty"`
}

// Problem is one thing wrong, named by the stored object and, for an entry, its archive path.
type Problem struct {
	Object string `json:"object"`         // a volume, the index or the manifest
	Path   string `json:"path,omitempty"` // the archive path, when about one entry
	Error  string `json:"error"`
}

// OK reports whether the backup is sound.
func (r *Report) OK() bool { return len(r.Problems) == 0 }

func (r *Report) add(object, path string, err error) {
	if len(r.Problems) >= maxProblems {
		r.More++
		return
	}
	r.Problems = append(r.Problems, Problem{Object: object, Path: path, Error: err.Error()})
}

// err summarises the report as an error wrapping ErrFailed, or nil.
func (r *Report) err() error {
	if r.OK() {
		return nil
	}
	var b strings.Builder
	for i, p := range r.Problems {
		if i == 3 {
			fmt.Fprintf(&b, "; and %d more", len(r.Problems)-3+r.More)
			break
		}
		if i > 0 {
			b.WriteString("; ")
		}
		b.WriteString(p.Object)
		if p.Path != "" {
			fmt.Fprintf(&b, " %q", p.Path)
		}
		b.WriteString(": " + p.Error)
	}
	return fmt.Errorf("verify %s: %w: %s", r.Backup, ErrFailed, b.String())
}
