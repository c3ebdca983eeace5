package jobs

import (
	"fmt"
	"os/user"
	"path/filepath"

	"coffre/engine/account"
	"coffre/server/store"
)

// Where a recreated subscription's things go. The backup's config/ comes from another host
// (whose key the administrator confirmed, but which may have been taken over): its paths are
// checked before anything is made on this host.
//   - Every path must be absolute and clean (no ".."); the system user, if any, is not root.
//   - With --root-base B, every recreated path is under B: the webspace at B/<domain>, a
//     Maildir or SQLite file inside the old webspace moves with it, and one outside it is
//     put under B/.recreated/<domain>/ (its old absolute path below that).
//   - Without it, the backup's own paths are kept.
//   - Either way, no path may be inside, or contain, another subscription's webspace or
//     Coffre's data directory.

// placer maps a recreated subscription's paths to this host's.
type placer struct {
	domain, oldRoot, root, base string
	others                      []account.Subscription
	data                        string
}

// newPlacer checks the recreated subscription's root before anything is made.
func (j *Jobs) newPlacer(sub account.Subscription, base string) (*placer, error) {
	if err := store.ValidateDomain("domain", sub.Domain); err != nil {
		return nil, err
	}
	if u, err := user.Lookup(sub.User); sub.User != "" && err == nil && u.Uid == "0" {
		// Backups take the system user's files as the tenant's own (hard links included).
		return nil, fmt.Errorf("system user %s (uid 0) cannot own a webspace", sub.User)
	}
	others, err := j.st.Subscriptions("")
	if err != nil {
		return nil, err
	}
	p := &placer{domain: sub.Domain, oldRoot: sub.Root, root: sub.Root, base: base, others: others, data: j.st.Dir()}
	if err := p.clean("webspace root", sub.Root); err != nil {
		return nil, err
	}
	if base != "" {
		if err := p.clean("root base", base); err != nil {
			return nil, err
		}
		p.root = filepath.Join(base, sub.Domain)
	}
	if p.root == "/" {
		return nil, fmt.Errorf("the webspace root / is refused")
	}
	return p, p.free(p.root)
}

func (p *placer) clean(what, path string) error {
	if !filepath.IsAbs(path) || filepath.Clean(path) != path {
		return fmt.Errorf("%s %q is not a clean absolute path", what, path)
	}
	return nil
}

// free refuses a path inside, or containing, another subscription's webspace or the data
// directory.
func (p *placer) free(path string) error {
	if within(p.data, path) || within(path, p.data) {
		return fmt.Errorf("%s overlaps Coffre's data directory", path)
	}
	for _, o := range p.others {
		if within(o.Root, path) || within(path, o.Root) {
			return fmt.Errorf("%s overlaps the webspace of subscription %s (%s)", path, o.Domain, o.Root)
		}
	}
	return nil
}

// place is where a Maildir or SQLite file of the backup goes on this host.
func (p *placer) place(path string) (string, error) {
	if err := p.clean("path", path); err != nil {
		return "", err
	}
	out := path
	if rel, err := filepath.Rel(p.oldRoot, path); err == nil && (rel == "." || filepath.IsLocal(rel)) {
		out = filepath.Join(p.root, rel)
	} else if p.base != "" {
		out = filepath.Join(p.base, ".recreated", p.domain, path)
	}
	return out, p.free(out)
}

// secret is the restore's Secret: a PostgreSQL or MariaDB database just recreated from the
// backup is not loaded in the same run. Its host, port and user come from the backup and it has
// no password yet: connecting so could reach the server as whoever needs none (MariaDB's root
// through its socket, on many hosts) and run the backup's SQL with every right.
func (o recreated) secret(next func(account.Database) (string, error)) func(account.Database) (string, error) {
	return func(d account.Database) (string, error) {
		for _, s := range o.servers {
			if s.Subscription == d.Subscription && s.Name == d.Name {
				return "", fmt.Errorf("database %s was recreated from the backup without its password: check its "+
					"definition, set its password, then restore it (restore again, or pick the other items only)", d.Name)
			}
		}
		return next(d)
	}
}
