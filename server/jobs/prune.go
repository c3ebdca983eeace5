package jobs

import (
	"context"
	"errors"
	"fmt"
	"time"

	"coffre/engine/backup"
	"coffre/engine/manifest"
	"coffre/engine/retention"
	"coffre/engine/storage"
	"coffre/server/lock"
	"coffre/server/store"
)

// Pruned is what Prune did, or would do with dryRun.
type Pruned struct {
	Plan    retention.Plan `json:"plan"`
	Deleted []string       `json:"deleted,omitempty"` // in the order deleted
}

// PrunePlan returns what the policies would delete from the client's storage kind, read
// without the client's lock (a backup under way is not listed yet, so never deleted).
func (j *Jobs) PrunePlan(ctx context.Context, login, kind string, ps []retention.Policy, loc *time.Location) (retention.Plan, error) {
	if err := j.CheckStorage(login, kind); err != nil {
		return retention.Plan{}, err
	}
	ring, err := j.Ring()
	if err != nil {
		return retention.Plan{}, err
	}
	st, err := j.clientStorage(ctx, login, kind)
	if err != nil {
		return retention.Plan{}, err
	}
	defer closeStorage(st)
	return j.plan(ctx, st, login, kind, ps, loc, ring)
}

// Prune applies the policies to the client's storage kind under the client's lock
// (store.ErrBusy while one of its tasks runs): each chain whose backups have all expired is
// deleted whole, newest first, by the code of Delete with its dependents.
func (j *Jobs) Prune(ctx context.Context, login, kind string, ps []retention.Policy, loc *time.Location) (Pruned, error) {
	if err := j.CheckStorage(login, kind); err != nil {
		return Pruned{}, err
	}
	release, err := lock.TryClient(j.st.Dir(), login)
	if errors.Is(err, lock.ErrBusy) {
		return Pruned{}, &store.Error{Code: store.CodeBusy, Err: err, Msg: "a backup or restore of " + login + " is running; prune when it is done"}
	}
	if err != nil {
		return Pruned{}, err
	}
	defer release()
	st, err := j.clientStorage(ctx, login, kind)
	if err != nil {
		return Pruned{}, err
	}
	defer closeStorage(st)
	return j.pruneLocked(ctx, st, login, kind, ps, loc)
}

// pruneLocked is Prune once the client's lock is held and its storage open: the run of a
// schedule calls it after its backup.
func (j *Jobs) pruneLocked(ctx context.Context, st storage.Storage, login, kind string, ps []retention.Policy, loc *time.Location) (Pruned, error) {
	ring, err := j.Ring()
	if err != nil {
		return Pruned{}, err
	}
	p, err := j.plan(ctx, st, login, kind, ps, loc, ring)
	if err != nil {
		return Pruned{}, err
	}
	out := Pruned{Plan: p}
	for _, c := range p.Delete {
		done, err := j.deleteLocked(ctx, st, login, kind, c.Root, true, c.Names)
		out.Deleted = append(out.Deleted, done...)
		if err != nil {
			return out, fmt.Errorf("prune chain %s: %w", c.Root, err)
		}
	}
	return out, nil
}

// plan lists the storage and applies the policies to its backups.
func (j *Jobs) plan(ctx context.Context, st storage.Storage, login, kind string, ps []retention.Policy, loc *time.Location, ring manifest.Keyring) (retention.Plan, error) {
	es, err := backup.List(ctx, st, ring)
	if err != nil {
		return retention.Plan{}, err
	}
	kept, err := j.kept(login, kind)
	if err != nil {
		return retention.Plan{}, err
	}
	return retention.Apply(retentionBackups(es, kept), ps, loc), nil
}

// retentionBackups turns catalog entries into what a rule reads. A backup whose manifest this
// host cannot trust (unreadable, unsigned, another host's) has no date for the rule: it is
// kept, and counts for nothing (a planted manifest cannot push real backups out).
func retentionBackups(es []backup.Entry, kept map[string]bool) []retention.Backup {
	out := make([]retention.Backup, 0, len(es))
	for _, e := range es {
		b := retention.Backup{Name: e.Name, Created: e.Created, Parent: e.Parent,
			Tag: e.Spec.Schedule, Kept: kept[e.Name]}
		if !e.Signature.Trusted() {
			b.Created = time.Time{}
		}
		out = append(out, b)
	}
	return out
}
