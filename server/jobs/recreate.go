package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"coffre/engine/account"
	"coffre/engine/archive"
	"coffre/engine/backup"
	"coffre/engine/manifest"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/server/failure"
)

// ErrMissingSubscription is wrapped by the refusal of a restore in place of a subscription that
// does not exist on this host, when the request does not ask to recreate it.
var ErrMissingSubscription = failure.New(failure.MissingSub, "the subscription does not exist on this host")

// config is what a backup's config/ holds.
type config struct {
	Subscriptions []account.Subscription
	Domains       []account.Domain
	Mailboxes     []account.Mailbox
	Databases     []account.Database
}

// missingSubscriptions returns the subscriptions that backup m covers and r restores but that
// the client does not have on this host.
func (j *Jobs) missingSubscriptions(m manifest.Manifest, r spec.Restore) ([]string, error) {
	a, err := j.st.Account(r.Client)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, d := range m.Subscriptions {
		if len(r.Subscriptions) > 0 && !slices.Contains(r.Subscriptions, d) {
			continue
		}
		if !slices.ContainsFunc(a.Subscriptions, func(s account.Subscription) bool { return s.Domain == d }) {
			out = append(out, d)
		}
	}
	return out, nil
}

// recreated is what recreate could not do, reported as warnings: the restore goes on.
type recreated struct {
	problems []error
	servers  []account.Database // PostgreSQL and MariaDB databases recreated, without a password
}

// recreate adds to the store the subscriptions missing (with their domains, mailboxes and
// databases, without passwords) as the backup's config/ describes them: with the webspace
// roots it held, or under r.RootBase (paths inside a webspace move with it). The first volume is
// checked against the manifest (whose signature the caller checked) before its configuration is
// believed. A domain that exists already, or a root that overlaps another subscription, fails
// as the store decides.
func (j *Jobs) recreate(ctx context.Context, st storage.Storage, m manifest.Manifest, r spec.Restore, missing []string) (recreated, error) {
	var out recreated
	if err := archive.CheckVolumes(ctx, st, m.Volumes[:1]); err != nil {
		return out, fmt.Errorf("read the configuration of %s: %w", m.Name, err)
	}
	cfg, err := readConfig(ctx, st, m.Volumes[:1])
	if err != nil {
		return out, fmt.Errorf("read the configuration of %s: %w", m.Name, err)
	}
	for _, d := range missing {
		if err := j.recreateOne(cfg, r, d, &out); err != nil {
			return out, fmt.Errorf("recreate subscription %s: %w", d, err)
		}
	}
	return out, nil
}

func (j *Jobs) recreateOne(cfg config, r spec.Restore, domain string, out *recreated) error {
	i := slices.IndexFunc(cfg.Subscriptions, func(s account.Subscription) bool { return s.Domain == domain })
	if i < 0 {
		return fmt.Errorf("not in the backup's configuration")
	}
	sub := cfg.Subscriptions[i]
	sub.Client = r.Client
	pl, err := j.newPlacer(sub, r.RootBase) // checked before anything is made
	if err != nil {
		return err
	}
	sub.Root = pl.root
	_, statErr := os.Stat(sub.Root)
	if err := os.MkdirAll(sub.Root, 0o755); err != nil {
		return err
	}
	docRoot := ""
	for _, d := range cfg.Domains {
		if d.Name == domain && d.Subscription == domain {
			docRoot = d.DocRoot
		}
	}
	if _, err := j.st.AddSubscription(sub, docRoot); err != nil {
		if statErr != nil {
			os.Remove(sub.Root) // made for nothing
		}
		return err
	}
	j.recreateObjects(cfg, domain, pl.place, out)
	return nil
}

func (j *Jobs) recreateObjects(cfg config, domain string, move func(string) (string, error), out *recreated) {
	for _, d := range cfg.Domains {
		if d.Subscription == domain && d.Name != domain {
			_, err := j.st.AddDomain(d)
			out.fail("domain "+d.Name, err)
		}
	}
	for _, mb := range cfg.Mailboxes {
		if mb.Subscription == domain {
			var err error
			mb.Maildir, err = move(mb.Maildir)
			if err == nil {
				err = os.MkdirAll(mb.Maildir, 0o700)
			}
			if err == nil {
				_, err = j.st.AddMailbox(mb)
			}
			out.fail("mailbox "+mb.Address, err)
		}
	}
	for _, db := range cfg.Databases {
		if db.Subscription == domain {
			db.HasPassword = false
			err := j.recreateDatabase(db, move)
			if err == nil && db.Engine != "sqlite" {
				out.servers = append(out.servers, db)
			}
			out.fail("database "+db.Name, err)
		}
	}
}

func (o *recreated) fail(what string, err error) {
	if err != nil {
		o.problems = append(o.problems, fmt.Errorf("%s not recreated: %w", what, err))
	}
}

// recreateDatabase adds a database of the backup's configuration. The store wants a SQLite
// database's file to exist: a missing one is stood in for by an empty file while it is added,
// then removed, so that the restore writes the database as a new one.
func (j *Jobs) recreateDatabase(db account.Database, move func(string) (string, error)) error {
	if db.Engine != "sqlite" {
		_, err := j.st.AddDatabase(db, nil)
		return err
	}
	var err error
	if db.Path, err = move(db.Path); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(db.Path), 0o750); err != nil {
		return err
	}
	f, err := os.OpenFile(db.Path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if errors.Is(err, fs.ErrExist) {
		_, err = j.st.AddDatabase(db, nil)
		return err
	}
	if err != nil {
		return err
	}
	f.Close()
	defer os.Remove(db.Path)
	_, err = j.st.AddDatabase(db, nil)
	return err
}

// finish reports what could not be recreated as the restore's warnings.
func (j *Jobs) finish(o recreated, warn func(backup.Warning)) {
	for _, err := range o.problems {
		warn(backup.Warning{Path: "config/", Code: "not_recreated", Err: err.Error()})
	}
}

// maxConfigFile bounds one file of config/.
const maxConfigFile = 16 << 20

// readConfig reads the config/ files at the start of an archive.
func readConfig(ctx context.Context, st storage.Storage, vols []manifest.Object) (config, error) {
	var cfg config
	ar, err := archive.NewReader(ctx, st, vols, archive.Limits{Checked: true})
	if err != nil {
		return cfg, err
	}
	defer ar.Close()
	targets := map[string]any{"config/subscriptions.json": &cfg.Subscriptions, "config/domains.json": &cfg.Domains,
		"config/mailboxes.json": &cfg.Mailboxes, "config/databases.json": &cfg.Databases}
	seen := 0
	for {
		h, err := ar.Next()
		if err == io.EOF || err != nil && seen == len(targets) { // the next header may cross into volume 2
			return cfg, nil
		}
		if err != nil {
			return cfg, err
		}
		if !strings.HasPrefix(h.Name, "config/") && !strings.HasPrefix(h.Name, "coffre/") {
			return cfg, nil
		}
		v, ok := targets[h.Name]
		if !ok {
			continue
		}
		data, err := io.ReadAll(io.LimitReader(ar, maxConfigFile))
		if err != nil {
			return cfg, err
		}
		if err := json.Unmarshal(data, v); err != nil {
			return cfg, fmt.Errorf("%s: %w", h.Name, err)
		}
		seen++
	}
}
