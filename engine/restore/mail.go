package restore

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"

	"coffre/engine/index"
	"coffre/engine/manifest"
)

// Restoring mail adds to a mailbox, it never takes from it: a message whose unique name the
// Maildir already holds (in cur/ or new/, with whatever flags) is kept as it is and not
// written again, and any other file that exists is left alone. Messages that arrived since
// the backup stay; the restored ones are added beside them, without duplicates.

// maildirOf is the directory a mailbox's mail is restored into.
func (r *run) maildirOf(mb manifest.Mailbox) (string, error) {
	if r.o.Spec.To != "" {
		return filepath.Join(r.o.Spec.To, filepath.FromSlash(mb.Path)), nil
	}
	m, err := mailbox(r.o.Account, mb.Subscription, mb.Address)
	return m.Maildir, err
}

// liveMail lists what a Maildir holds: its messages' unique names and its other files (slash
// paths). A Maildir that does not exist holds nothing. Symlinks are not followed.
func liveMail(dir string) (keys, files map[string]bool, err error) {
	keys, files = map[string]bool{}, map[string]bool{}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == dir {
				return fs.SkipAll
			}
			return err
		}
		if d.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(dir, p)
		rel = filepath.ToSlash(rel)
		if k := index.MessageKey(rel); k != "" {
			keys[k] = true
		} else {
			files[rel] = true
		}
		return nil
	})
	return keys, files, err
}

// liveMaildirs lists what the destination Maildirs of the selected mailboxes hold.
func (r *run) liveMaildirs() error {
	r.live = map[string]live{}
	for _, mb := range r.sel.mailboxes {
		dir, err := r.maildirOf(mb)
		if err != nil {
			return err
		}
		if fi, err := os.Lstat(dir); err == nil && !fi.IsDir() {
			return errors.New(dir + " is not a directory")
		}
		k, f, err := liveMail(dir)
		if err != nil {
			return err
		}
		r.live[mb.Path] = live{k, f}
	}
	return nil
}

// live is what a destination Maildir holds: its messages' unique names and its other files.
type live struct{ keys, files map[string]bool }

// liveHolds reports whether e is mail that its destination Maildir already holds: it is not
// written again.
func (r *run) liveHolds(e *index.Entry) bool {
	if len(r.live) == 0 || e.Type == index.Dir {
		return false
	}
	domain, addr, rel, ok := index.SplitMailPath(e.Path)
	l, mine := r.live[index.MailPathOf(domain, addr, "")]
	return ok && mine && (l.keys[index.MessageKey(rel)] || l.files[rel])
}
