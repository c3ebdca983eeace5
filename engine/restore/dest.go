package restore

import (
	"archive/tar"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"

	"coffre/engine/account"
	"coffre/engine/backup"
	"coffre/engine/extract"
	"coffre/engine/index"
	"coffre/engine/manifest"
)

// dest is where archive paths are written: a subscription's webspace or a mailbox's Maildir
// (in place: the prefix "files/<domain>" or "mail/<domain>/<address>" is cut off) or the --to
// directory (no prefix; shared by every subscription and mailbox).
type dest struct {
	dir    string
	root   *os.Root // dir, opened once (see openTarget): everything is reached from it
	prefix string
	sub    account.Subscription // in place only
	w      *extract.Writer
	// owner, when set, is the subscription's system user's uid and gid: a restore into the
	// webspace gives the files to it, whatever ids the backup recorded (they may be another
	// host's). The writer sets owners only when run as root.
	owner *[2]int
}

// rel turns an archive path into a path relative to the destination.
func (d *dest) rel(p string) string {
	switch {
	case d.prefix == "":
		return p
	case p == d.prefix:
		return "."
	}
	return p[len(d.prefix)+1:]
}

// archivePath turns a path relative to the destination back into an archive path.
func (d *dest) archivePath(rel string) string {
	switch {
	case d.prefix == "":
		return rel
	case rel == ".":
		return d.prefix
	}
	return d.prefix + "/" + rel
}

// errNotInAccount is wrapped by the error about a subscription the account does not have: a
// preview takes its webspace as empty (the restore may recreate it).
var errNotInAccount = errors.New("not in the account")

// ErrOutside is wrapped by the refusal of a folder that is not inside the webspace.
var ErrOutside = errors.New("not a folder inside the webspace")

type dests struct {
	byPrefix map[string]*dest // by "files/<domain>" or "mail/<domain>/<address>"
	list     []*dest
}

// openDests opens a writer for each destination of the selected subscriptions and mailboxes.
// With dry (a preview), nothing is made: a destination that does not exist has no root and
// no writer.
func openDests(o Options, subs []string, mailboxes []manifest.Mailbox, dry bool) (*dests, error) {
	ds := &dests{byPrefix: map[string]*dest{}}
	var prefixes []string
	for _, domain := range subs {
		prefixes = append(prefixes, index.PathOf(domain, ""))
	}
	for _, mb := range mailboxes {
		prefixes = append(prefixes, mb.Path)
	}
	var shared *dest
	for _, prefix := range prefixes {
		d, err := newDest(o, prefix, shared, dry)
		if err != nil {
			ds.close()
			return nil, err
		}
		if d != shared {
			ds.list = append(ds.list, d)
		}
		if o.Spec.To != "" {
			shared = d
		}
		ds.byPrefix[prefix] = d
	}
	return ds, nil
}

func newDest(o Options, prefix string, shared *dest, dry bool) (*dest, error) {
	if shared != nil {
		return shared, nil
	}
	d := &dest{dir: o.Spec.To}
	if d.dir == "" {
		err := d.inPlace(o.Account, prefix, o.Spec.Into)
		if dry && errors.Is(err, errNotInAccount) {
			return d, nil
		}
		if err != nil {
			return nil, err
		}
	}
	if d.sub.User != "" && o.Spec.To == "" {
		if ids, err := systemUser(d.sub.User); err != nil {
			o.Log.Warn("restore: the subscription's user is unknown: the backup's owners are kept", "user", d.sub.User, "err", err)
		} else {
			d.owner = &ids
		}
	}
	root, err := openTarget(o.Account, d.dir, !dry)
	if dry && errors.Is(err, fs.ErrNotExist) {
		return d, nil
	}
	if err != nil {
		return nil, err
	}
	d.root = root
	if dry {
		return d, nil
	}
	warn := func(name string, err error) {
		o.Warn(backup.Warning{Path: d.archivePath(name), Code: "not_restored", Err: err.Error()})
	}
	if d.w, err = extract.NewAt(root, extract.Options{Workers: o.Workers, Warn: warn}); err != nil {
		root.Close()
		return nil, err
	}
	return d, nil
}

// subscription finds the account's subscription of domain, with an absolute webspace root.
func subscription(a account.Account, domain string) (account.Subscription, error) {
	for _, s := range a.Subscriptions {
		if s.Domain == domain {
			if !filepath.IsAbs(s.Root) {
				return s, fmt.Errorf("subscription %s: webspace root %q is not absolute", domain, s.Root)
			}
			return s, nil
		}
	}
	return account.Subscription{}, fmt.Errorf("subscription %s is in the backup but %w", domain, errNotInAccount)
}

// openTarget opens the destination dir (absolute and clean) once, for good: from the root of
// the account's webspace that holds it (a path the administrator set), or from "/" for a folder
// outside them, one component at a time, making the missing ones and following no symlink
// (extract.OpenTarget). A tenant that makes a component a link, or swaps one in meanwhile, gets
// the restore refused; nothing is written through the link.
func openTarget(a account.Account, dir string, mkdir bool) (*os.Root, error) {
	trusted, rel := "/", strings.TrimPrefix(filepath.Clean(dir), "/")
	for _, s := range a.Subscriptions {
		root := filepath.Clean(s.Root)
		if r, err := filepath.Rel(root, dir); err == nil && filepath.IsAbs(root) && filepath.IsLocal(r) &&
			len(root) > len(trusted) {
			trusted, rel = root, r
		}
	}
	if !mkdir {
		return extract.OpenExisting(trusted, filepath.ToSlash(rel))
	}
	return extract.OpenTarget(trusted, filepath.ToSlash(rel))
}

// dirs lists the directories the restore writes below: the --to directory, or each webspace
// and Maildir restored in place.
func (ds *dests) dirs() []string {
	var dirs []string
	for _, d := range ds.list {
		dirs = append(dirs, d.dir)
	}
	return dirs
}

// inPlace sets d to the webspace (or its folder into, a clean relative slash path) or the
// Maildir that prefix names.
func (d *dest) inPlace(a account.Account, prefix, into string) error {
	d.prefix = prefix
	if domain, _, ok := index.SplitPath(prefix); ok {
		sub, err := subscription(a, domain)
		d.dir, d.sub = sub.Root, sub
		if into = strings.Trim(into, "/"); into != "" && err == nil {
			if !filepath.IsLocal(filepath.FromSlash(into)) {
				return fmt.Errorf("folder %q: %w", into, ErrOutside)
			}
			d.dir = filepath.Join(sub.Root, filepath.FromSlash(into))
		}
		return err
	}
	domain, addr, _, _ := index.SplitMailPath(prefix)
	mb, err := mailbox(a, domain, addr)
	if err != nil {
		return err
	}
	d.dir = mb.Maildir // made by openTarget if missing
	return nil
}

// mailbox finds the account's mailbox of address, with an absolute Maildir.
func mailbox(a account.Account, domain, addr string) (account.Mailbox, error) {
	for _, m := range a.Mailboxes {
		if m.Address == addr && m.Subscription == domain {
			if !filepath.IsAbs(m.Maildir) {
				return m, fmt.Errorf("mailbox %s: Maildir %q is not absolute", addr, m.Maildir)
			}
			return m, nil
		}
	}
	return account.Mailbox{}, fmt.Errorf("mailbox %s is in the backup but not in the account", addr)
}

// prefixOf is the destination key of archive path p.
func prefixOf(p string) string {
	if domain, addr, _, ok := index.SplitMailPath(p); ok {
		return index.MailPathOf(domain, addr, "")
	}
	domain, _, _ := index.SplitPath(p)
	return index.PathOf(domain, "")
}

func (ds *dests) of(p string) *dest {
	return ds.byPrefix[prefixOf(p)]
}

func (ds *dests) flush() error {
	var errs []error
	for _, d := range ds.list {
		errs = append(errs, d.w.Flush())
	}
	return errors.Join(errs...)
}

// close closes every writer (setting the directories' attributes) and returns their errors.
func (ds *dests) close() error {
	var errs []error
	for _, d := range ds.list {
		if d.w == nil && d.root != nil {
			d.root.Close()
			continue
		}
		if d.w != nil {
			errs = append(errs, d.w.Close())
		}
		if d.root != nil {
			d.root.Close()
		}
	}
	return errors.Join(errs...)
}

func (ds *dests) stats() extract.Stats {
	var s extract.Stats
	for _, d := range ds.list {
		if d.w == nil {
			continue
		}
		t := d.w.Stats()
		s.Files += t.Files
		s.Links += t.Links
		s.Dirs += t.Dirs
		s.Symlinks += t.Symlinks
		s.Bytes += t.Bytes
		s.Skipped += t.Skipped
	}
	return s
}

// systemUser returns the uid and gid of the system user name.
func systemUser(name string) ([2]int, error) {
	u, err := user.Lookup(name)
	if err != nil {
		return [2]int{}, err
	}
	uid, err1 := strconv.Atoi(u.Uid)
	gid, err2 := strconv.Atoi(u.Gid)
	if err := errors.Join(err1, err2); err != nil {
		return [2]int{}, fmt.Errorf("user %s: %w", name, err)
	}
	return [2]int{uid, gid}, nil
}

// header is the tar header that recreates e in d, owned by d's system user when it has one.
func (d *dest) header(e index.Entry, typ byte) *tar.Header {
	h := header(e, d.rel(e.Path), typ)
	if d.owner != nil {
		h.Uid, h.Gid = d.owner[0], d.owner[1]
	}
	return h
}
