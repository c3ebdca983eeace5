package restore

import (
	"fmt"
	"slices"

	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/spec"
)

// dbChoice is a database to restore: its record in the backup and the name to give it.
type dbChoice struct {
	rec manifest.Database
	as  string // "" for its own name
}

func (c dbChoice) name() string {
	if c.as != "" {
		return c.as
	}
	return c.rec.Name
}

// chooseMail picks the mailboxes: those named, or, for a whole restore, every one the backup
// holds in the chosen subscriptions.
func (s *selection) chooseMail(r spec.Restore, c *manifest.Captured, whole bool) error {
	if len(r.Mailboxes) > 0 && (c == nil || !c.Mail) {
		return fmt.Errorf("the backup holds no mail")
	}
	if c == nil || !c.Mail || !whole && len(r.Mailboxes) == 0 {
		return nil
	}
	s.mail = true
	for _, mb := range c.Mailboxes {
		named := slices.Contains(r.Mailboxes, mb.Address)
		if mb.Warning == "" && slices.Contains(s.subs, mb.Subscription) && (whole || named) {
			s.mailboxes = append(s.mailboxes, mb)
		}
	}
	for _, a := range r.Mailboxes {
		if !slices.ContainsFunc(s.mailboxes, func(mb manifest.Mailbox) bool { return mb.Address == a }) {
			return fmt.Errorf("mailbox %s is not in the backup (or not in the chosen subscriptions)", a)
		}
	}
	return nil
}

// chooseDatabases picks the databases: those named, or, for a whole restore, every one the
// backup holds a dump of in the chosen subscriptions. A named database without a complete dump
// is refused with the warning that stood in its place.
func (s *selection) chooseDatabases(r spec.Restore, c *manifest.Captured, whole bool) error {
	if c == nil {
		if len(r.Databases) > 0 {
			return fmt.Errorf("the backup holds no databases")
		}
		return nil
	}
	for _, d := range c.DBs {
		if whole && d.Dumped() && slices.Contains(s.subs, d.Subscription) {
			s.dbs = append(s.dbs, dbChoice{rec: d})
		}
	}
	for _, want := range r.Databases {
		i := slices.IndexFunc(c.DBs, func(d manifest.Database) bool {
			return d.Name == want.Name && slices.Contains(s.subs, d.Subscription)
		})
		switch {
		case i < 0:
			return fmt.Errorf("database %s is not in the backup (or not in the chosen subscriptions)", want.Name)
		case !c.DBs[i].Dumped():
			return fmt.Errorf("database %s was not dumped in this backup: %s", want.Name, c.DBs[i].Warning)
		}
		s.dbs = append(s.dbs, dbChoice{rec: c.DBs[i], as: want.As})
	}
	return nil
}

// matchMail reports whether the mail path p is selected.
func (s *selection) matchMail(p string) bool {
	domain, addr, _, ok := index.SplitMailPath(p)
	if !s.mail || !ok {
		return false
	}
	return slices.ContainsFunc(s.mailboxes, func(mb manifest.Mailbox) bool {
		return mb.Subscription == domain && mb.Address == addr
	})
}
