package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"coffre/engine/account"
	"coffre/engine/archive"
	"coffre/engine/manifest"
	"coffre/engine/spec"
	"coffre/engine/storage"
)

// ErrMissingSubscription is wrapped by the refusal of a restore in place of a subscription that
// does not exist on this host, when the request does not ask to recreate it.
var ErrMissingSubscription = errors.New("the subscription does not exist on this host")

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

// recreate adds to the store the subscriptions missing (with their domains, mailboxes and
// databases, without passwords) as the backup's config/ describes them: with the webspace
// roots it held, or under r.RootBase. The first volume is checked against the manifest (whose
// signature the caller checked) before its configuration is believed. A domain that exists
// already, or a root that overlaps another subscription, fails as the store decides.
func (j *Jobs) recreate(ctx context.Context, st storage.Storage, m manifest.Manifest, r spec.Restore, missing []string) error {
	if err := archive.CheckVolumes(ctx, st, m.Volumes[:1]); err != nil {
		return fmt.Errorf("read the configuration of %s: %w", m.Name, err)
	}
	cfg, err := readConfig(ctx, st, m.Volumes[:1])
	if err != nil {
		return fmt.Errorf("read the configuration of %s: %w", m.Name, err)
	}
	for _, d := range missing {
		if err := j.recreateOne(cfg, r, d); err != nil {
			return fmt.Errorf("recreate subscription %s: %w", d, err)
		}
	}
	return nil
}

func (j *Jobs) recreateOne(cfg config, r spec.Restore, domain string) error {
	i := slices.IndexFunc(cfg.Subscriptions, func(s account.Subscription) bool { return s.Domain == domain })
	if i < 0 {
		return fmt.Errorf("not in the backup's configuration")
	}
	sub := cfg.Subscriptions[i]
	sub.Client = r.Client
	if r.RootBase != "" {
		sub.Root = filepath.Join(r.RootBase, domain)
	}
	if !filepath.IsAbs(sub.Root) {
		return fmt.Errorf("webspace root %q is not absolute", sub.Root)
	}
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
		return err
	}
	return j.recreateObjects(cfg, domain)
}

func (j *Jobs) recreateObjects(cfg config, domain string) error {
	var errs []error
	for _, d := range cfg.Domains {
		if d.Subscription == domain && d.Name != domain {
			_, err := j.st.AddDomain(d)
			errs = append(errs, err)
		}
	}
	for _, mb := range cfg.Mailboxes {
		if mb.Subscription == domain {
			_, err := j.st.AddMailbox(mb)
			errs = append(errs, err)
		}
	}
	for _, db := range cfg.Databases {
		if db.Subscription == domain {
			db.HasPassword = false
			_, err := j.st.AddDatabase(db, nil)
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
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
