package backup

import (
	"context"
	"errors"
	"slices"

	"coffre/engine/account"
	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/progress"
	"coffre/engine/scan"
)

// A Maildir never changes a message: it renames it. A message moves from new/ to cur/ once
// seen, and its flags live in its name after the unique part ("1700000000.M1P2.host:2,FS").
// So a path that is new in this backup, under a cur/ or new/ folder, whose unique part and size
// match a message of the same mailbox in the parent's index, is the same message: the index
// records it as an index.Ref to the content an older archive already holds, and nothing is
// stored again.

// sameState is index.SameMeta and index.SameInode, an unchanged Ref counting as the same file.
func sameState(old, now *index.Entry) bool {
	if !index.SameInode(old, now) {
		return false
	}
	if old.Type == index.Ref && now.Type == index.File {
		o := *old
		o.Type, o.Link = index.File, ""
		return index.SameMeta(&o, now)
	}
	return index.SameMeta(old, now)
}

// contentPath is where the archive of e's holder keeps e's content.
func contentPath(e *index.Entry) string {
	if e.Type == index.Ref {
		return e.Link
	}
	return e.Path
}

// renamed finds, for a new or changed path of s, a message of the parent's index that it is
// a renaming of.
func (p *planner) renamed(s *sub, e *scan.Entry) (index.Entry, bool) {
	if !s.mail || e.Type != index.File || e.Nlink > 1 {
		return index.Entry{}, false
	}
	key := index.MessageKey(e.Rel)
	if key == "" {
		return index.Entry{}, false
	}
	m, ok := p.messages[key]
	if !ok || m.Size != e.Size {
		return index.Entry{}, false
	}
	return m, true
}

// chooseMailboxes returns the mailboxes of subs, in index order.
func chooseMailboxes(a account.Account, subs []account.Subscription) []account.Mailbox {
	var out []account.Mailbox
	for _, m := range a.Mailboxes {
		if slices.ContainsFunc(subs, func(s account.Subscription) bool { return s.Domain == m.Subscription }) {
			out = append(out, m)
		}
	}
	slices.SortFunc(out, func(a, b account.Mailbox) int {
		return index.Compare(index.MailPathOf(a.Subscription, a.Address, ""), index.MailPathOf(b.Subscription, b.Address, ""))
	})
	return out
}

// planMail walks each mailbox's Maildir into the plan. A Maildir that cannot be read is a
// warning, and the mailbox is recorded with it.
func (r *runner) planMail(ctx context.Context, p *planner) error {
	for _, m := range chooseMailboxes(r.o.Account, r.subs) {
		s := sub{domain: m.Subscription, root: m.Maildir, prefix: index.MailPathOf(m.Subscription, m.Address, ""), mail: true}
		p.messages = p.parent.mailbox(s.prefix)
		err := r.walk(ctx, p, &s, scan.Options{Warn: func(rel, code string, err error) {
			r.warn(join(s.prefix, rel), code, err)
		}}, func(top *scan.Entry) error { return checkMaildir(r.o.Account, m.Maildir, top) })
		p.messages = nil
		if ctx.Err() != nil || errors.Is(err, errParent) || errors.Is(err, errPlan) {
			return err
		}
		mb := manifest.Mailbox{Subscription: m.Subscription, Address: m.Address, Path: s.prefix}
		if err != nil {
			r.warn(s.prefix, progress.MailboxUnreadable, err)
			mb.Warning = err.Error()
		} else {
			r.trees = append(r.trees, s)
		}
		r.mailboxes = append(r.mailboxes, mb)
	}
	return nil
}
