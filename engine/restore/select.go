package restore

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"coffre/engine/extract"
	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/spec"
)

var errNoFiles = errors.New("the backup holds no files of that subscription")

// selection is what a restore request takes from a backup: subscriptions, paths within their
// webspaces (a path takes its whole subtree), mailboxes and databases. A request that names
// none of paths, mailboxes and databases takes everything the backup holds.
type selection struct {
	subs      []string // domains, all in the backup
	files     bool     // webspace files
	paths     []string // clean slash paths relative to a webspace root; empty for everything
	mail      bool
	mailboxes []manifest.Mailbox // the mailboxes whose mail is restored
	dbs       []dbChoice         // the databases restored
	found     map[string]bool
	// undo also selects the folders above paths (their own entries, not their subtrees), so
	// that an undo gives them back their times as well.
	undo bool
}

func newSelection(r spec.Restore, m manifest.Manifest) (*selection, error) {
	s := &selection{subs: r.Subscriptions, found: map[string]bool{}, undo: r.Undo}
	if len(s.subs) == 0 {
		s.subs = m.Subscriptions
	}
	for _, d := range s.subs {
		if !slices.Contains(m.Subscriptions, d) {
			return nil, fmt.Errorf("subscription %q: %w", d, errNoFiles)
		}
	}
	whole := len(r.Paths) == 0 && len(r.Mailboxes) == 0 && len(r.Databases) == 0
	c := m.Captured
	s.files = (whole || len(r.Paths) > 0) && (c == nil || c.Files)
	if len(r.Paths) > 0 && !s.files {
		return nil, errors.New("the backup holds no user files")
	}
	if err := s.chooseMail(r, c, whole); err != nil {
		return nil, err
	}
	if err := s.chooseDatabases(r, c, whole); err != nil {
		return nil, err
	}
	for _, p := range r.Paths {
		c, err := extract.Clean("./"+strings.TrimLeft(p, "/"), 4096)
		if err != nil {
			return nil, fmt.Errorf("path %q: %w", p, err)
		}
		if c == "." {
			s.paths = nil
			break
		}
		s.paths = append(s.paths, c)
	}
	return s, nil
}

// match reports whether the archive path p is selected, and notes the requested paths found.
func (s *selection) match(p string) bool { return s.matchPath(p, true) }

// selects is match without noting anything.
func (s *selection) selects(p string) bool { return s.matchPath(p, false) }

func (s *selection) matchPath(p string, note bool) bool {
	if strings.HasPrefix(p, "mail/") {
		return s.matchMail(p)
	}
	domain, rel, ok := index.SplitPath(p)
	if !s.files || !ok || !slices.Contains(s.subs, domain) {
		return false
	}
	if len(s.paths) == 0 {
		return true
	}
	for _, q := range s.paths {
		if rel == q {
			if note {
				s.found[q] = true
			}
			return true
		}
		if strings.HasPrefix(rel, q+"/") || s.undo && (rel == "" || strings.HasPrefix(q, rel+"/")) {
			return true
		}
	}
	return false
}

// tops returns the archive paths of the selected subtrees' roots.
func (s *selection) tops() []string {
	var out []string
	if !s.files {
		return nil
	}
	for _, d := range s.subs {
		if len(s.paths) == 0 {
			out = append(out, index.PathOf(d, ""))
		}
		for _, q := range s.paths {
			out = append(out, index.PathOf(d, q))
		}
	}
	return out
}

// missing returns the requested paths that no selected subscription has in the backup.
func (s *selection) missing() []string {
	var out []string
	for _, q := range s.paths {
		if !s.found[q] {
			out = append(out, q)
		}
	}
	return out
}
