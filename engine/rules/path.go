package rules

import (
	"errors"
	"fmt"
	"strings"
)

// ErrMalformed is wrapped by every error about an entry that breaks a rule.
var ErrMalformed = errors.New("malformed entry")

// Error is a rule broken by one entry, named by its path as the backup spells it.
type Error struct {
	Path   string
	Reason string
}

func (e *Error) Error() string { return fmt.Sprintf("entry %q: %s", e.Path, e.Reason) }
func (e *Error) Unwrap() error { return ErrMalformed }

func broken(path, format string, args ...any) error {
	return &Error{Path: path, Reason: fmt.Sprintf(format, args...)}
}

// maxComponent is the longest name a Linux file system takes (NAME_MAX).
const maxComponent = 255

// Path checks that p is the canonical path of a webspace or Maildir entry: "files/<domain>",
// "files/<domain>/<rel>", "mail/<domain>/<address>" or "mail/<domain>/<address>/<rel>", where
// every component is non-empty, neither "." nor "..", holds no NUL byte and is at most 255 bytes
// long. Nothing is cleaned: "files/a//etc/x" is refused, not read as "files/a/etc/x".
func Path(p string) error {
	rest, ok := strings.CutPrefix(p, "files/")
	if !ok {
		if rest, ok = strings.CutPrefix(p, "mail/"); ok && !strings.Contains(rest, "/") {
			return broken(p, "a mail path without its mailbox")
		}
	}
	if !ok {
		return broken(p, "not a path under files/ or mail/")
	}
	for comp := range strings.SplitSeq(rest, "/") {
		switch {
		case comp == "":
			return broken(p, "empty path component (a doubled, leading or trailing slash)")
		case comp == "." || comp == "..":
			return broken(p, "%q as a path component", comp)
		case strings.IndexByte(comp, 0) >= 0:
			return broken(p, "NUL byte in the path")
		case len(comp) > maxComponent:
			return broken(p, "a path component of %d bytes (at most %d)", len(comp), maxComponent)
		}
	}
	return nil
}

// topDepth is the depth of the directory a canonical path sits in at the top: 2 for a
// subscription's webspace ("files/<domain>"), 3 for a mailbox ("mail/<domain>/<address>").
func topDepth(p string) int {
	if strings.HasPrefix(p, "mail/") {
		return 3
	}
	return 2
}

// top is the webspace or mailbox directory of a canonical path, with a trailing slash.
func top(p string) string {
	parts := strings.SplitAfterN(p, "/", topDepth(p)+1)
	if len(parts) <= topDepth(p) {
		return p + "/"
	}
	return strings.Join(parts[:topDepth(p)], "")
}

// depth is the number of components of a canonical path: 2 for "files/<domain>".
func depth(p string) int { return strings.Count(p, "/") + 1 }

// parentOf is the directory of a canonical path of depth 3 or more.
func parentOf(p string) string { return p[:strings.LastIndexByte(p, '/')] }
