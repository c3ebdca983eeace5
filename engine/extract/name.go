package extract

import (
	"errors"
	"fmt"
	"strings"
)

// Errors callers branch on. Every error about one entry is an *EntryError naming it.
var (
	ErrUnsafe = errors.New("unsafe entry") // a name or a path that would leave the target
	ErrLimit  = errors.New("over a limit") // too many entries, bytes or too long a name
)

// EntryError is an error about one archive entry.
type EntryError struct {
	Name string // the entry's name as found in the archive
	Err  error
}

func (e *EntryError) Error() string { return fmt.Sprintf("entry %q: %v", e.Name, e.Err) }
func (e *EntryError) Unwrap() error { return e.Err }

func entryErr(name string, err error) error {
	var ee *EntryError
	if errors.As(err, &ee) {
		return err
	}
	return &EntryError{Name: name, Err: err}
}

// Clean checks an entry name and returns it as a clean slash path relative to the target: "."
// for the target itself. It refuses NUL bytes, absolute names and ".." components (ErrUnsafe),
// and names longer than maxLen bytes or with a component over 255 bytes (ErrLimit). Empty and
// "." components and a trailing slash are dropped; every other byte is kept as it is.
func Clean(name string, maxLen int) (string, error) {
	switch {
	case name == "":
		return "", fmt.Errorf("%w: empty name", ErrUnsafe)
	case strings.IndexByte(name, 0) >= 0:
		return "", fmt.Errorf("%w: NUL byte in name", ErrUnsafe)
	case name[0] == '/':
		return "", fmt.Errorf("%w: absolute name", ErrUnsafe)
	case len(name) > maxLen:
		return "", fmt.Errorf("%w: name of %d bytes (at most %d)", ErrLimit, len(name), maxLen)
	}
	parts := strings.Split(name, "/")
	out := parts[:0]
	for _, p := range parts {
		switch {
		case p == "" || p == ".":
			continue
		case p == "..":
			return "", fmt.Errorf("%w: \"..\" in name", ErrUnsafe)
		case len(p) > 255:
			return "", fmt.Errorf("%w: name component of %d bytes", ErrLimit, len(p))
		}
		out = append(out, p)
	}
	if len(out) == 0 {
		return ".", nil
	}
	return strings.Join(out, "/"), nil
}

// split returns the parent directory ("." at the top) and the last component of a clean path.
func split(rel string) (dir, base string) {
	i := strings.LastIndexByte(rel, '/')
	if i < 0 {
		return ".", rel
	}
	return rel[:i], rel[i+1:]
}
