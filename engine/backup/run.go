package backup

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"os/user"
	"slices"
	"strconv"
	"strings"
	"time"

	"coffre/engine/account"
	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/pattern"
	"coffre/engine/scan"
	"coffre/engine/spec"
	"coffre/engine/storage"
)

// runner carries one backup through its phases.
type runner struct {
	o      Options
	st     storage.Storage // where the backup's objects go: o.Storage, or through o.Key
	cat    *catalog
	start  time.Time // when the backup began: its name and Created
	parent *manifest.Manifest
	man    manifest.Manifest
	subs   []account.Subscription
	trees  []sub  // the trees walked, in index order
	plan   *spill // the plan: every path of the new state with its holder (planner)
	reads  *spill // the files to store and the folders above them: what the file reader reads
	files  int64  // regular files to store, and their bytes
	bytes  int64
	data   int64  // the bytes of data among them (not the holes of sparse files)
	out    *spill // the index written
	// direct says that the plan is the index: an incremental that stores no path of the
	// trees (nothing changed) writes its index while it walks, and the archive phase only
	// adds the frame table to it.
	direct    bool
	w         written
	prog      *reporter
	written   []string // objects stored or started, deleted if the backup fails
	warnings  int
	skipped   []string
	mailboxes []manifest.Mailbox  // what was captured of each mailbox
	dbs       []manifest.Database // each database's dump, or its warning
}

func (o Options) withDefaults() Options {
	if o.Clock == nil {
		o.Clock = time.Now
	}
	if o.Progress == nil {
		o.Progress = func(Progress) {}
	}
	if o.Warn == nil {
		o.Warn = func(Warning) {}
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.DumpPart <= 0 {
		o.DumpPart = DefaultDumpPart
	}
	if o.Secret == nil {
		o.Secret = noSecret
	}
	return o
}

func run(ctx context.Context, o Options) (Result, error) {
	r := &runner{o: o.withDefaults()}
	r.prog = newReporter(r.o.Clock, r.o.Progress)
	if err := r.prepare(ctx); err != nil {
		return Result{}, err
	}
	err := r.execute(ctx)
	if err != nil {
		r.undo(ctx)
		return Result{}, spaceFailure(err)
	}
	r.prog.phase("done", true)
	e := entryOf(&r.man)
	return Result{Entry: e, Warnings: r.warnings, Skipped: r.skipped}, nil
}

// prepare checks the options, cleans leftovers, reads the catalog and starts loading the
// parent's index.
func (r *runner) prepare(ctx context.Context) error {
	if r.o.Storage == nil || r.o.Spec.Client != r.o.Account.Client.Login {
		return fmt.Errorf("backup: no storage, or the request is for another client")
	}
	if len(r.o.HostKey) != ed25519.PrivateKeySize {
		return fmt.Errorf("backup: no host key to sign the manifest")
	}
	if err := Clean(ctx, r.o.Storage); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	subs, err := chooseSubscriptions(r.o.Account, r.o.Spec)
	if err != nil {
		return err
	}
	r.subs = subs
	if r.cat, err = readCatalog(ctx, r.o.Storage); err != nil {
		return err
	}
	ring := manifest.Keyring{Host: r.o.HostKey.Public().(ed25519.PublicKey)}
	if err := r.cat.load(ctx, r.o.Storage, ring); err != nil {
		return err
	}
	r.start = r.o.Clock().UTC()
	r.st = r.o.Storage
	if r.o.Key != nil {
		r.st = protectedStore(r.o)
	}
	if r.o.Spec.Incremental && (r.content().Files || r.content().Mail) {
		r.parent = findParent(r.cat, r.o.Spec, r.o.Key != nil)
		if r.parent != nil {
			if err := r.unsealParent(ctx); err != nil {
				return err
			}
		}
	}
	return nil
}

// initManifest names the backup, once its parent is known.
func (r *runner) initManifest() error {
	now := r.start
	name, err := backupName(r.o.Spec.Client, now, r.parent == nil, r.cat)
	if err != nil {
		return err
	}
	r.man = manifest.Manifest{Format: manifest.Format, Name: name, Client: r.o.Spec.Client,
		Type: manifest.Full, Created: now, Spec: r.o.Spec, Subscriptions: []string{}}
	if r.parent != nil {
		r.man.Type, r.man.Parent = manifest.Incremental, r.parent.Name
	}
	for _, s := range r.subs {
		r.man.Subscriptions = append(r.man.Subscriptions, s.Domain)
	}
	return nil
}

// chooseSubscriptions returns the subscriptions the request covers, sorted by domain.
func chooseSubscriptions(a account.Account, sp spec.Backup) ([]account.Subscription, error) {
	var out []account.Subscription
	for _, s := range a.Subscriptions {
		if s.Client == a.Client.Login && (len(sp.Subscriptions) == 0 || slices.Contains(sp.Subscriptions, s.Domain)) {
			out = append(out, s)
		}
	}
	for _, d := range sp.Subscriptions {
		if !slices.ContainsFunc(out, func(s account.Subscription) bool { return s.Domain == d }) {
			return nil, fmt.Errorf("backup: subscription %q is not the client's", d)
		}
	}
	slices.SortFunc(out, func(a, b account.Subscription) int { return strings.Compare(a.Domain, b.Domain) })
	return out, nil
}

// execute plans, and writes the volumes, the index, then the manifest.
func (r *runner) execute(ctx context.Context) error {
	defer func() { r.plan.close(); r.reads.close(); r.out.close() }()
	if err := r.makePlan(ctx); err != nil {
		return err
	}
	if err := r.checkSpace(ctx); err != nil {
		return err
	}
	if err := r.writeArchive(ctx); err != nil {
		return err
	}
	if err := r.writeIndex(ctx); err != nil {
		return err
	}
	return r.writeManifest(ctx)
}

// makePlan walks every webspace, then every Maildir, against the parent's index. When the
// parent's index turns out unreadable or not what its manifest says, the chain is not intact
// and the backup starts a new one (full).
func (r *runner) makePlan(ctx context.Context) error {
	r.prog.phase("scan", true)
	err := r.tryPlan(ctx)
	if errors.Is(err, errParent) && ctx.Err() == nil {
		r.o.Log.Warn("backup: parent index unusable, starting a new chain", "parent", r.parent.Name, "err", err)
		r.plan.close()
		r.reads.close()
		r.parent, r.trees, r.mailboxes, r.warnings, r.skipped = nil, nil, nil, 0, nil
		err = r.tryPlan(ctx)
	}
	if err != nil {
		return err
	}
	r.prog.totals(r.files, r.bytes)
	return nil
}

func (r *runner) tryPlan(ctx context.Context) error {
	var c *cursor
	if r.parent != nil {
		var err error
		if c, err = openParent(ctx, r); err != nil {
			return err
		}
		defer c.close()
	}
	if err := r.initManifest(); err != nil {
		return err
	}
	// An incremental's plan is written as an index is stored: it becomes the index when
	// nothing is to be stored.
	sp, err := newSpill(r.man.Name, r.parent == nil)
	if err != nil {
		return err
	}
	r.plan = sp
	if r.reads, err = newSpill(r.man.Name, true); err != nil {
		return err
	}
	p := &planner{name: r.man.Name, parent: c, plan: sp, reads: reads{s: r.reads}}
	if err := r.planFiles(ctx, p); err != nil {
		return err
	}
	if r.content().Mail {
		if err := r.planMail(ctx, p); err != nil {
			return err
		}
	}
	if err := c.finish(); err != nil {
		return err
	}
	r.files, r.bytes, r.data = p.files, p.bytes, p.data
	if err := r.reads.finish(); err != nil {
		return err
	}
	if r.direct = r.parent != nil && p.files == 0; r.direct {
		r.w = p.kept
		return nil // left open: writeArchive adds the frame table and finishes it
	}
	return sp.finish()
}

// planFiles walks every webspace into the plan.
func (r *runner) planFiles(ctx context.Context, p *planner) error {
	if !r.content().Files {
		return nil
	}
	excl, err := pattern.Compile(r.o.Spec.Exclude)
	if err != nil {
		return fmt.Errorf("backup: exclusions: %w", err)
	}
	for _, s := range r.subs {
		t := sub{domain: s.Domain, root: s.Root, prefix: index.PathOf(s.Domain, "")}
		if err := r.walk(ctx, p, &t, r.scanOptions(s, excl), nil); err != nil {
			return fmt.Errorf("backup: %w", err)
		}
		r.trees = append(r.trees, t)
	}
	return nil
}

// errPlan wraps a failure to write the plan.
var errPlan = errors.New("plan not written")

// walk streams the tree s into the plan; check, if not nil, is told of its root first and may
// refuse it.
func (r *runner) walk(ctx context.Context, p *planner, s *sub, o scan.Options, check func(*scan.Entry) error) error {
	p.links = nil
	return scan.Stream(ctx, s.root, o, func(e *scan.Entry) error {
		if e.Rel == "" {
			if check != nil {
				if err := check(e); err != nil {
					return err
				}
			}
			s.top = *e
		}
		if err := p.add(s, e); err != nil {
			return fmt.Errorf("%w: %w", errPlan, err)
		}
		return p.parent.error()
	})
}

func (r *runner) scanOptions(s account.Subscription, excl *pattern.Set) scan.Options {
	return scan.Options{Exclude: excl, ExcludeLogs: r.o.Spec.ExcludeLogs, LogDirs: s.Logs,
		Owner: r.owner(s), Warn: func(rel, code string, err error) {
			r.warn(index.PathOf(s.Domain, rel), code, err)
		}}
}

// owner is the uid of the subscription's system user, or nil (the webspace root's owner).
func (r *runner) owner(s account.Subscription) *uint32 {
	if s.User == "" {
		return nil
	}
	u, err := user.Lookup(s.User)
	if err != nil {
		r.o.Log.Warn("backup: system user unknown, taking the webspace's owner", "user", s.User, "err", err)
		return nil
	}
	id, err := strconv.ParseUint(u.Uid, 10, 32)
	if err != nil {
		return nil
	}
	uid := uint32(id)
	return &uid
}

// maxSkipped bounds the paths a Result lists (a tenant controls how many files fail): the
// warnings are all counted, told to Options.Warn and logged.
const maxSkipped = 1000

func (r *runner) warn(path, code string, err error) {
	r.warnings++
	if len(r.skipped) < maxSkipped {
		r.skipped = append(r.skipped, path)
	}
	r.o.Warn(Warning{Path: path, Code: code, Err: err.Error()})
	r.o.Log.Warn("backup: file not stored as listed", "path", path, "code", code, "err", err)
}

// undo deletes every object the failed backup stored or started, even if ctx was cancelled.
func (r *runner) undo(ctx context.Context) {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), time.Minute)
	defer cancel()
	for _, n := range r.written {
		if err := r.st.Delete(ctx, n); err != nil && !errorsIsNotFound(err) {
			r.o.Log.Warn("backup: leftover not deleted (Clean removes it later)", "object", n, "err", err)
		}
	}
}
