package jobs

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"strings"

	"coffre/engine/account"
	"coffre/engine/backup"
	"coffre/engine/manifest"
	"coffre/engine/restore"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/engine/verify"
	"coffre/server/failure"
	"coffre/server/tasks"
)

// Exec is the task runner's Exec (tasks.Options.Exec): it runs the backup, restore or
// verification of t while the runner holds the client's lock. Each request is checked again
// first, as the client's rights or subscriptions may have changed since it was queued. It
// returns backup.Result, restore.Result or verify.Report.
func (j *Jobs) Exec(ctx context.Context, t tasks.Task, rep *tasks.Reporter) (any, error) {
	switch t.Kind {
	case tasks.KindBackup:
		return j.backup(ctx, t, rep)
	case tasks.KindRestore:
		return j.restore(ctx, t, rep)
	case tasks.KindVerify:
		return j.verify(ctx, t, rep)
	}
	return nil, fmt.Errorf("task %s: unknown kind %q", t.ID, t.Kind)
}

func (j *Jobs) backup(ctx context.Context, t tasks.Task, rep *tasks.Reporter) (any, error) {
	b, err := t.Backup()
	if err != nil {
		return nil, err
	}
	if err := j.CheckBackup(b); err != nil || b.Client != t.Client {
		return nil, refused(err)
	}
	a, err := j.account(b.Client, b.Subscriptions)
	if err != nil {
		return nil, err
	}
	st, err := j.clientStorage(ctx, b.Client, b.Storage)
	if err != nil {
		return nil, err
	}
	defer closeStorage(st)
	if err := removeTemp(st); err != nil { // backup.Run removes the rest of the leftovers
		return nil, err
	}
	j.beforeScheduled(t, rep)
	key, err := j.backupKey(t, b)
	if err != nil {
		return nil, err
	}
	rep.Say("backup_start", fmt.Sprintf("Backing up %s (%s) to the %s storage.", b.Client, subsOf(a.Subscriptions), b.Storage),
		"client", b.Client, "subscriptions", subsOf(a.Subscriptions), "storage", b.Storage)
	res, err := backup.Run(ctx, backup.Options{Account: a, Spec: b, Storage: st, HostKey: j.keys.Host,
		Clock: j.clock, Progress: rep.Progress, Warn: rep.Warn, Log: rep.Logger(), Secret: j.dbSecret, Key: key,
		MinFree: j.minFree()})
	if err != nil {
		return nil, err
	}
	rep.Say("backup_stored", fmt.Sprintf("Backup %s stored: %s, %d files, %d bytes in %d volume(s).", res.Entry.Name, res.Entry.Type,
		res.Entry.Files, res.Entry.Size, len(res.Entry.Volumes)),
		"backup", res.Entry.Name, "type", res.Entry.Type, "files", res.Entry.Files, "bytes", res.Entry.Size, "volumes", len(res.Entry.Volumes))
	j.forgetLast(b.Client)
	j.afterScheduled(ctx, st, b, t.Schedule, rep)
	return res, nil
}

func (j *Jobs) restore(ctx context.Context, t tasks.Task, rep *tasks.Reporter) (any, error) {
	r, err := t.Restore()
	if err != nil {
		return nil, err
	}
	if err := j.CheckRestore(r); err != nil || r.Client != t.Client {
		return nil, refused(err)
	}
	st, err := j.readStorage(ctx, r.Client, r.Storage)
	if err != nil {
		return nil, err
	}
	defer closeStorage(st)
	st = j.unlocked(st, t)
	keys, err := j.restoreKeys(ctx, st, r)
	if err != nil {
		return nil, err
	}
	made, err := j.prepareAccount(ctx, st, r, keys, rep)
	if err != nil {
		return nil, err
	}
	a, err := j.account(r.Client, r.Subscriptions)
	if err != nil {
		return nil, err
	}
	o := restore.Options{Account: a, Spec: r, Storage: st, Trusted: keys,
		Clock: j.clock, Progress: rep.Progress, Warn: rep.Warn, Log: rep.Logger(), Targets: rep.Targets,
		Secret: made.secret(j.dbSecret)}
	safety, err := j.beforeRestore(ctx, o, rep)
	if err != nil {
		return nil, err
	}
	if r.To != "" {
		rep.Say("restore_into", fmt.Sprintf("Restoring %s into %s.", r.Backup, r.To), "backup", r.Backup, "to", r.To)
	} else {
		rep.Say("restore_start", fmt.Sprintf("Restoring %s in place.", r.Backup), "backup", r.Backup)
	}
	res, err := restore.Run(ctx, o)
	res.Safety = safety
	if err != nil {
		if safety != "" { // Undo stays possible: the result names the safety backup
			rep.Say("safety_holds", fmt.Sprintf("The safety backup %s holds the webspaces as they were before the restore.", safety), "backup", safety)
			return res, err
		}
		return nil, err
	}
	j.finish(made, rep.Warn)
	return res, nil
}

// beforeRestore logs what the restore will do (restore.RunPreview) and makes its safety backup,
// whose name it returns.
func (j *Jobs) beforeRestore(ctx context.Context, o restore.Options, rep *tasks.Reporter) (string, error) {
	pv, err := restore.RunPreview(ctx, o)
	if err != nil {
		return "", err
	}
	rep.Say("restore_plan", fmt.Sprintf("Existing files: %s. To add: %d, to replace: %d, unchanged: %d, kept: %d, to remove: %d.",
		pv.Existing, pv.Added, pv.Replaced, pv.Unchanged, pv.Kept, pv.Removed),
		"existing", pv.Existing, "added", pv.Added, "replaced", pv.Replaced, "unchanged", pv.Unchanged, "kept", pv.Kept, "removed", pv.Removed)
	if err := j.checkRestoreSpace(ctx, pv); err != nil {
		return "", err
	}
	return j.safetyBackup(ctx, o.Spec, o.Account, pv.Subscriptions, rep)
}

func (j *Jobs) verify(ctx context.Context, t tasks.Task, rep *tasks.Reporter) (any, error) {
	v, err := t.Verify()
	if err != nil {
		return nil, err
	}
	if err := j.CheckVerify(v.Client, v.Backup, v.Storage); err != nil || v.Client != t.Client {
		return nil, refused(err)
	}
	st, err := j.readStorage(ctx, v.Client, v.Storage)
	if err != nil {
		return nil, err
	}
	defer closeStorage(st)
	if _, err := st.Stat(ctx, manifest.ManifestName(v.Backup)); errors.Is(err, storage.ErrNotFound) {
		return nil, fmt.Errorf("verify %s: %w", v.Backup, ErrNoBackup) // not a backup with problems
	}
	st = j.unlocked(st, t)
	keys, err := j.trustedKeys(ctx, st, v.Backup, v.TrustKey)
	if err != nil {
		return nil, err
	}
	rep.Progress(backup.Progress{Phase: "verify", Current: v.Backup})
	report, err := verify.Run(ctx, st, v.Backup, keys...)
	if ctx.Err() == nil {
		if rerr := j.recordVerification(v.Client, v.Storage, v.Backup, t.ID, report); rerr != nil {
			rep.Say("verify_not_recorded", fmt.Sprintf("The result of this verification could not be kept for the Backup Manager: %v", rerr), "error", rerr)
		}
	}
	if err != nil && ctx.Err() == nil {
		return report, err // the report names each problem
	}
	if err != nil {
		return nil, err
	}
	rep.Progress(backup.Progress{Phase: "done", Files: report.Entries, Bytes: report.Bytes})
	rep.Say("verified", fmt.Sprintf("Backup %s verified: %d volume(s), %d entries, %d bytes.", report.Backup, report.Volumes,
		report.Entries, report.Bytes), "backup", report.Backup, "volumes", report.Volumes, "entries", report.Entries, "bytes", report.Bytes)
	return report, nil
}

// Cleanup is the task runner's Cleanup (tasks.Options.Cleanup): after an interrupted backup it
// deletes the objects of every backup of the client's storage that has no manifest; after an
// interrupted restore, the temporary files its process left in the directories it wrote to
// (cleanRestore). The runner holds the client's lock.
func (j *Jobs) Cleanup(ctx context.Context, t tasks.Task) error {
	switch t.Kind {
	case tasks.KindRestore:
		return j.cleanRestore(ctx, t)
	case tasks.KindBackup:
	default:
		return nil
	}
	b, err := t.Backup()
	if err != nil {
		return err
	}
	st, err := j.clientStorage(ctx, t.Client, b.Storage)
	if err != nil {
		return err
	}
	defer closeStorage(st)
	return removeLeftovers(ctx, st)
}

// cleanRestore removes the temporary files that the killed process of restore t left below its
// recorded targets (restore.RemoveTemps).
func (j *Jobs) cleanRestore(ctx context.Context, t tasks.Task) error {
	if len(t.Targets) == 0 || t.Owner.PID == 0 {
		return nil
	}
	a, err := j.st.Account(t.Client)
	if err != nil {
		return err
	}
	_, err = restore.RemoveTemps(ctx, a, t.Targets, t.Owner.PID)
	return err
}

// removeLeftovers deletes what unfinished backups left in st: their objects without a manifest
// and, in the server storage, the temporary files of uploads that a killed process never
// finished. The caller holds the client's lock, so no upload is running.
func removeLeftovers(ctx context.Context, st storage.Storage) error {
	if err := removeTemp(st); err != nil {
		return err
	}
	return backup.Clean(ctx, st)
}

// removeTemp removes the half-written uploads of a storage that keeps them (the server storage).
func removeTemp(st storage.Storage) error {
	if local, ok := st.(interface{ RemoveTemp() error }); ok {
		return local.RemoveTemp()
	}
	return nil
}

// errRefused is wrapped by the error of a task whose request no longer passes its checks.
var errRefused = failure.New(failure.Refused, "refused")

// refused is the error of a task whose request no longer passes its checks.
func refused(err error) error {
	if err == nil {
		return fmt.Errorf("%w: the request is not for the task's client", errRefused)
	}
	return fmt.Errorf("%w: %w", errRefused, err)
}

// subsOf lists the domains of subs.
func subsOf(subs []account.Subscription) string {
	names := make([]string, len(subs))
	for i, s := range subs {
		names[i] = s.Domain
	}
	if len(names) == 0 {
		return "no subscription"
	}
	return strings.Join(names, ", ")
}

// prepareAccount makes sure the subscriptions a restore in place writes into exist: those the
// backup covers but this host lacks are recreated from the backup's configuration when the
// request asks for it (Recreate or RootBase, administrator only), else the restore is refused
// naming them. The backup's manifest must be signed by one of keys.
func (j *Jobs) prepareAccount(ctx context.Context, st storage.Storage, r spec.Restore, keys []ed25519.PublicKey, rep *tasks.Reporter) (recreated, error) {
	if r.To != "" {
		return recreated{}, nil
	}
	m, err := manifest.LoadVerified(ctx, st, r.Backup, keys...)
	if err != nil {
		return recreated{}, err
	}
	missing, err := j.missingSubscriptions(m, r)
	if err != nil || len(missing) == 0 {
		return recreated{}, err
	}
	if !r.Recreate && r.RootBase == "" {
		return recreated{}, fmt.Errorf("%w: %s (the administrator may recreate it from the backup: coffre restore --recreate, or --root-base DIR)",
			ErrMissingSubscription, strings.Join(missing, ", "))
	}
	rep.Say("recreating", fmt.Sprintf("Recreating %s from the configuration of %s.", strings.Join(missing, ", "), m.Name),
		"subscriptions", strings.Join(missing, ", "), "backup", m.Name)
	return j.recreate(ctx, st, m, r, missing)
}
