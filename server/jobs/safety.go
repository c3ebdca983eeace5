package jobs

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"slices"
	"strings"

	"coffre/engine/account"
	"coffre/engine/backup"
	"coffre/engine/manifest"
	"coffre/engine/restore"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/server/failure"
	"coffre/server/tasks"
)

// ErrSafety is wrapped by the failure of a restore whose safety backup failed: nothing was
// restored. The panel offers to restore again without one (spec.Restore.NoSafetyBackup).
var ErrSafety = failure.New(failure.SafetyFailed, "the safety backup failed, nothing was restored (restore again without a safety backup to go on)")

// needsSafety reports whether restore r makes a safety backup first: a restore in place of
// webspace files, not an undo, unless the request turned it off. A restore that recreates
// missing subscriptions (a new host) makes none: there is nothing there yet to keep.
func needsSafety(r spec.Restore) bool {
	files := len(r.Paths) > 0 || len(r.Mailboxes) == 0 && len(r.Databases) == 0
	return files && !r.NoSafetyBackup && !r.Undo && r.To == "" && r.Into == "" && !r.Recreate && r.RootBase == ""
}

// safetyBackup backs up, before restore r writes, the webspaces it writes to (a full backup
// of their files, in the storage r reads from), marked as the safety backup of r.Backup. Its
// restore with Undo undoes r (see Undo). It returns the backup's name, "" when r needs none.
func (j *Jobs) safetyBackup(ctx context.Context, r spec.Restore, a account.Account, subs []string, rep *tasks.Reporter) (string, error) {
	a.Subscriptions = slices.DeleteFunc(slices.Clone(a.Subscriptions), func(s account.Subscription) bool {
		return !slices.Contains(subs, s.Domain)
	})
	if !needsSafety(r) || len(a.Subscriptions) == 0 {
		return "", nil
	}
	b := spec.Backup{Client: r.Client, Scope: spec.ScopeWebsites, Files: true, Storage: r.Storage,
		Subscriptions: domainsOf(a.Subscriptions), SafetyFor: r.Backup,
		Comment: "Safety backup before restoring " + r.Backup}
	st, err := j.clientStorage(ctx, r.Client, r.Storage)
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrSafety, err)
	}
	defer closeStorage(st)
	rep.Say("safety_start", fmt.Sprintf("Safety backup of %s before the restore.", subsOf(a.Subscriptions)), "subscriptions", subsOf(a.Subscriptions))
	a.Mailboxes, a.Databases = nil, nil                                         // the restore's undo gives back the webspaces' files
	progress := func(p backup.Progress) { p.Phase = "safety"; rep.Progress(p) } // the backup's phases are one here
	res, err := backup.Run(ctx, backup.Options{Account: a, Spec: b, Storage: st, HostKey: j.keys.Host,
		Clock: j.clock, Progress: progress, Warn: rep.Warn, Log: rep.Logger(), Secret: j.dbSecret})
	if err != nil {
		if ctx.Err() != nil {
			return "", err
		}
		return "", fmt.Errorf("%w: %w", ErrSafety, err)
	}
	rep.Say("safety_stored", fmt.Sprintf("Safety backup %s stored: %d files. Undo restores it.", res.Entry.Name, res.Entry.Files),
		"backup", res.Entry.Name, "files", res.Entry.Files)
	j.forgetLast(r.Client)
	return res.Entry.Name, nil
}

// Undo is the request that undoes restore r, which made safety backup safety: the same
// subscriptions and paths restored from the safety backup, overwriting, removing what r added.
func Undo(r spec.Restore, safety string) spec.Restore {
	return spec.Restore{Client: r.Client, Backup: safety, Storage: r.Storage, Subscriptions: r.Subscriptions,
		Paths: r.Paths, Existing: spec.ExistingOverwrite, NoSafetyBackup: true, Undo: true}
}

func domainsOf(subs []account.Subscription) []string {
	out := make([]string, len(subs))
	for i, s := range subs {
		out[i] = s.Domain
	}
	return out
}

// PreviewRestore says what restore r would do (restore.RunPreview), writing nothing: the
// request passes the checks of a restore (CheckRestore) and its backup's signature those of
// one, first. The caller answers the client's own request only.
func (j *Jobs) PreviewRestore(ctx context.Context, r spec.Restore) (restore.Preview, error) {
	if err := j.CheckRestore(r); err != nil {
		return restore.Preview{}, err
	}
	st, err := j.clientStorage(ctx, r.Client, r.Storage)
	if err != nil {
		return restore.Preview{}, err
	}
	defer closeStorage(st)
	keys, err := j.restoreKeys(ctx, st, r)
	if err != nil {
		return restore.Preview{}, err
	}
	if err := j.refuseMissing(ctx, st, r, keys); err != nil {
		return restore.Preview{}, err
	}
	a, err := j.account(r.Client, r.Subscriptions)
	if err != nil {
		return restore.Preview{}, err
	}
	return restore.RunPreview(ctx, restore.Options{Account: a, Spec: r, Storage: st, Trusted: keys, Clock: j.clock})
}

// refuseMissing fails as the restore would when r restores in place subscriptions this host
// lacks without asking to recreate them.
func (j *Jobs) refuseMissing(ctx context.Context, st storage.Storage, r spec.Restore, keys []ed25519.PublicKey) error {
	if r.To != "" || r.Recreate || r.RootBase != "" {
		return nil
	}
	m, err := manifest.LoadVerified(ctx, st, r.Backup, keys...)
	if err != nil {
		return err
	}
	missing, err := j.missingSubscriptions(m, r)
	if err != nil || len(missing) == 0 {
		return err
	}
	return fmt.Errorf("%w: %s (the administrator may recreate it from the backup)", ErrMissingSubscription, strings.Join(missing, ", "))
}
