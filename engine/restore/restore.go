package restore

import (
	"archive/tar"
	"context"
	"crypto/ed25519"
	"fmt"

	"coffre/engine/archive"
	"coffre/engine/index"
	"coffre/engine/spec"
)

// run is one restore under way.
type run struct {
	o    Options
	c    *chain
	sel  *selection
	p    *plan
	ds   *dests
	prog *progress
	kept int64 // mail the destination already held, not written again
	// keptThere counts the files the Existing mode left as they were.
	keptThere int64
	// absent are the requested paths an undo's safety backup does not hold: they did not exist
	// before the restore being undone, and are removed.
	absent []string
	// seeks are the frame tables of the archives read frame by frame (seek.go).
	seeks map[string][]archive.Frame
	// live is what the destination Maildirs hold, by mailbox path: mail they have is not
	// written again.
	live map[string]live
	// early checks the target's volumes while the index is surveyed (early.go), when
	// checkEarly asks for it (a restore does, a preview checks no volume); nil if not.
	early      *earlyCheck
	checkEarly bool
}

// Run restores backup o.Spec.Backup as o.Spec asks. Before it writes anything it loads the
// chain (refusing a broken one, naming the missing backups, and with o.HostKey any manifest
// that key did not sign), checks the index against its manifest, and reads every volume it will
// use to check its SHA-256. It then writes, for each selected path, the state the backup
// captured: directories and symlinks from the index, file content from the archive of the backup
// that holds it (each archive read once), and removes below each restored directory what that
// state did not have. The caller holds the client's lock.
func Run(ctx context.Context, opts Options) (Result, error) {
	o := opts.withDefaults()
	r := &run{o: o, prog: &progress{fn: o.Progress, clock: o.Clock}}
	if err := r.prepare(ctx); err != nil {
		return Result{}, fmt.Errorf("restore %s: %w", o.Spec.Backup, err)
	}
	o.Log.Info("restore", "backup", o.Spec.Backup, "chain", r.c.names(), "files", r.p.files, "bytes", r.p.bytes)
	res, err := r.write(ctx)
	if err != nil {
		return res, fmt.Errorf("restore %s: %w", o.Spec.Backup, err)
	}
	r.prog.phase("done")
	o.Log.Info("restored", "backup", res.Backup, "files", res.Files, "bytes", res.Bytes, "removed", res.Removed)
	return res, nil
}

// prepare resolves and checks everything a restore reads.
func (r *run) prepare(ctx context.Context) error {
	r.checkEarly = true
	defer r.stopEarlyCheck()
	if err := r.planOnly(ctx); err != nil {
		return err
	}
	if err := r.planSeeks(ctx); err != nil {
		return err
	}
	return r.checkVolumes(ctx)
}

// planOnly loads and checks the chain and the index, and plans what the request selects.
func (r *run) planOnly(ctx context.Context) error {
	r.prog.phase("check")
	c, err := loadChain(ctx, r.o.Storage, r.o.Spec.Backup, append([]ed25519.PublicKey{r.o.HostKey}, r.o.Trusted...)...)
	if err != nil {
		return err
	}
	r.c = c
	if t := c.target(); r.o.Spec.Client != "" && t.Client != r.o.Spec.Client {
		return fmt.Errorf("backup of client %q, not %q", t.Client, r.o.Spec.Client)
	}
	if r.sel, err = newSelection(r.o.Spec, c.target()); err != nil {
		return err
	}
	r.startEarlyCheck(ctx)
	if err := r.liveMaildirs(); err != nil {
		return err
	}
	if err := r.survey(ctx); err != nil {
		return err
	}
	if miss := r.sel.missing(); len(miss) > 0 && !r.o.Spec.Undo {
		return fmt.Errorf("not in the backup: %q", miss)
	} else if len(miss) > 0 {
		r.absent = miss
	}
	if err := r.checkDatabases(ctx); err != nil {
		return err
	}
	r.prog.p.TotalFiles, r.prog.p.TotalBytes = r.p.files, r.p.bytes
	return c.checkHolders(r.p.allHolders())
}

// checkVolumes checks the SHA-256 of every volume of the backup and of the backups it reads.
func (r *run) checkVolumes(ctx context.Context) error {
	target := r.c.target().Name
	names := r.p.holderNames(r.c)
	if len(names) == 0 || names[len(names)-1] != target {
		names = append(names, target)
	}
	for _, name := range names {
		if _, ok := r.seeks[name]; ok {
			continue // each frame read is checked against the SHA-256 its index records
		}
		var err error
		if m, _ := r.c.get(name); name == target && r.early != nil {
			err = r.earlyResult()
		} else {
			err = archive.CheckVolumes(ctx, r.o.Storage, m.Volumes)
		}
		if err != nil && name != target && ctx.Err() == nil {
			return fmt.Errorf("%w: %w", broken(target, name), err)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// write creates the selected state in the destinations.
func (r *run) write(ctx context.Context) (Result, error) {
	res := Result{Backup: r.c.target().Name, Chain: r.p.holderNames(r.c)}
	var subs []string
	if r.sel.files {
		subs = r.sel.subs
	}
	ds, err := openDests(r.o, subs, r.sel.mailboxes, false)
	if err != nil {
		return res, err
	}
	r.ds = ds
	res.Targets, res.Existing = ds.dirs(), r.o.Spec.ExistingMode()
	if err := r.o.Targets(ds.dirs()); err != nil {
		ds.close()
		return res, fmt.Errorf("record the targets: %w", err)
	}
	removed, err := r.writeAll(ctx)
	if cerr := ds.close(); err == nil {
		err = cerr
	}
	st := ds.stats()
	res.Files, res.Dirs, res.Symlinks = st.Files+st.Links, st.Dirs, st.Symlinks
	res.Bytes, res.Skipped, res.Removed = st.Bytes, st.Skipped, removed
	res.MailKept, res.Kept = r.kept, r.keptThere
	if err != nil {
		return res, err
	}
	res.Databases, err = r.restoreDatabases(ctx)
	return res, err
}

func (r *run) writeAll(ctx context.Context) (int64, error) {
	r.prog.phase("restore")
	if err := r.fromIndex(ctx, index.Dir, tar.TypeDir); err != nil {
		return 0, err
	}
	for _, name := range r.p.holderNames(r.c) {
		if err := r.fromArchive(ctx, name); err != nil {
			return 0, err
		}
	}
	if err := r.fromIndex(ctx, index.Symlink, tar.TypeSymlink); err != nil {
		return 0, err
	}
	if err := r.ds.flush(); err != nil {
		return 0, err
	}
	if r.o.Spec.ExistingMode() != spec.ExistingOverwrite {
		return 0, nil // newer and missing never remove anything
	}
	n, err := r.removeAbsent()
	if err != nil {
		return n, err
	}
	m, err := r.prune(ctx)
	return n + m, err
}

func (r *run) prune(ctx context.Context) (int64, error) {
	r.prog.phase("prune")
	bs := r.c.target().Spec
	pr, err := newPruner(r, bs.Exclude, bs.ExcludeLogs)
	if err != nil {
		return 0, err
	}
	for _, top := range r.sel.tops() {
		if err := pr.prune(ctx, r.ds.of(top), top); err != nil {
			return pr.removed, fmt.Errorf("remove what %s did not have: %w", top, err)
		}
	}
	return pr.removed, nil
}
