package backup

import (
	"context"
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

// sameState is index.SameMeta, an unchanged Ref counting as the same file.
func sameState(old, now *index.Entry) bool {
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

// renamed finds, for a new or changed path, a message of the parent's index that it is a
// renaming of.
func (p *plan) renamed(it *item, parent []index.Entry) (*index.Entry, bool) {
	s := &p.subs[it.sub]
	if !s.mail || it.e.Type != index.File || it.e.Nlink > 1 {
		return nil, false
	}
	key := index.MessageKey(it.e.Rel)
	if key == "" {
		return nil, false
	}
	if p.messages == nil {
		p.messages = parentMessages(parent)
	}
	e, ok := p.messages[s.prefix+"\x00"+key]
	if !ok || e.Size != it.e.Size {
		return nil, false
	}
	return e, true
}

// parentMessages indexes the Maildir messages of the parent's index by mailbox and unique name.
func parentMessages(parent []index.Entry) map[string]*index.Entry {
	m := map[string]*index.Entry{}
	for i := range parent {
		e := &parent[i]
		if e.Type != index.File && e.Type != index.Ref {
			continue
		}
		domain, addr, rel, ok := index.SplitMailPath(e.Path)
		if !ok {
			continue
		}
		if key := index.MessageKey(rel); key != "" {
			m[index.MailPathOf(domain, addr, "")+"\x00"+key] = e
		}
	}
	return m
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

// scanMail walks each mailbox's Maildir. A Maildir that cannot be read is a warning, and the
// mailbox is recorded with it.
func (r *runner) scanMail(ctx context.Context) ([]sub, error) {
	var subs []sub
	for _, m := range chooseMailboxes(r.o.Account, r.subs) {
		prefix := index.MailPathOf(m.Subscription, m.Address, "")
		entries, err := scan.Walk(ctx, m.Maildir, scan.Options{Warn: func(rel, code string, err error) {
			r.warn(join(prefix, rel), code, err)
		}})
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		if err == nil {
			err = checkMaildir(r.o.Account, m.Maildir, &entries[0])
		}
		if err != nil {
			r.warn(prefix, progress.MailboxUnreadable, err)
			r.mailboxes = append(r.mailboxes, manifest.Mailbox{Subscription: m.Subscription, Address: m.Address,
				Path: prefix, Warning: err.Error()})
			continue
		}
		subs = append(subs, sub{domain: m.Subscription, root: m.Maildir, prefix: prefix, mail: true, entries: entries})
		r.mailboxes = append(r.mailboxes, manifest.Mailbox{Subscription: m.Subscription, Address: m.Address, Path: prefix})
	}
	return subs, nil
}

// countMail fills in each mailbox's message counts, once the archive is written.
func (r *runner) countMail(mailboxes []manifest.Mailbox) {
	at := map[string]*manifest.Mailbox{}
	for i := range mailboxes {
		at[mailboxes[i].Path] = &mailboxes[i]
	}
	p := r.plan
	for i := range p.items {
		it := &p.items[i]
		s := &p.subs[it.sub]
		if !s.mail || it.drop || it.e.Type != index.File || index.MessageKey(it.e.Rel) == "" {
			continue
		}
		if mb := at[s.prefix]; mb != nil {
			mb.Messages++
			if it.store {
				mb.Stored++
			}
		}
	}
}

// webFiles counts the regular files of the webspaces' state.
func (p *plan) webFiles() (n, bytes int64) {
	for i := range p.items {
		it := &p.items[i]
		if !p.subs[it.sub].mail && !it.drop && it.e.Type == index.File {
			n++
			bytes += it.e.Size
		}
	}
	return n, bytes
}
