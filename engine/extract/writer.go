package extract

import (
	"archive/tar"
	"context"
	"fmt"
	"hash/maphash"
	"io"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
)

// Writer writes entries into one target directory. Entry and Close are called from one
// goroutine; small files are written by worker goroutines meanwhile. Close must be called: it
// waits for the workers, then sets the directories' modes, owners and times (after their
// content), and reports the first error.
type Writer struct {
	opts     Options
	owner    bool
	dirs     *dirCache
	pool     *pool // nil with one worker
	seed     maphash.Seed
	files    *recent         // the last regular files this run wrote: hard links may target them
	deferred map[string]meta // directories' attributes, set by Close
	tmpSeq   atomic.Uint64
	temp     string      // tempPrefix of this process
	named    atomic.Bool // the target's file system has no O_TMPFILE: temporary names (unnamed.go)
	viaProc  atomic.Bool // linkat may not take a descriptor alone (AT_EMPTY_PATH): /proc/self/fd
	uid, gid int         // the process's effective ids
	stats    Stats
}

// Stats counts what a Writer wrote.
type Stats struct {
	Entries, Files, Dirs, Symlinks, Links, Skipped int64
	Bytes                                          int64 // content bytes of regular files
}

// New opens dir (which must exist) as the target. Where a tenant controls a component of dir,
// open it with OpenTarget and use NewAt.
func New(dir string, opts Options) (*Writer, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("extract: open target: %w", err)
	}
	return newWriter(root, opts), nil
}

// NewAt writes into the directory target (from OpenTarget). The Writer opens its own handle on
// it: the caller still closes target.
func NewAt(target *os.Root, opts Options) (*Writer, error) {
	root, err := target.OpenRoot(".")
	if err != nil {
		return nil, fmt.Errorf("extract: open target: %w", err)
	}
	return newWriter(root, opts), nil
}

func newWriter(root *os.Root, opts Options) *Writer {
	opts = opts.withDefaults()
	w := &Writer{
		opts: opts, owner: *opts.Owner, dirs: newDirCache(root), seed: maphash.MakeSeed(),
		files: newRecent(), deferred: map[string]meta{}, temp: tempPrefix(os.Getpid()),
		uid: os.Geteuid(), gid: os.Getegid(),
	}
	w.named.Store(!canUnname())
	if opts.Workers > 1 {
		w.pool = newPool(opts.Workers, opts.Buffered, w.writeJob, func(j job) { w.dirs.release(j.h) })
	}
	return w
}

// Made reports whether this Writer made the directory rel (relative to the target): nothing
// but what it wrote is in it.
func (w *Writer) Made(rel string) bool { return w.dirs.made(rel) }

// Stats returns the counts so far.
func (w *Writer) Stats() Stats { return w.stats }

// Entry writes one entry. hdr.Name, and hdr.Linkname of a hard link, are paths relative to the
// target; body gives a regular file's hdr.Size bytes. A symlink's target is stored as it is and
// never followed. Devices, FIFOs and unknown types are skipped with a warning. An error is an
// *EntryError naming the entry; a worker's failure is returned by the next Entry, Flush or Close.
func (w *Writer) Entry(ctx context.Context, hdr *tar.Header, body io.Reader) error {
	if err := w.failed(ctx); err != nil {
		return err
	}
	rel, err := w.check(hdr)
	if err == nil {
		err = w.entry(ctx, rel, hdr, body)
	}
	if err != nil {
		return entryErr(hdr.Name, err)
	}
	return nil
}

func (w *Writer) failed(ctx context.Context) error {
	if w.pool != nil {
		if err := w.pool.failed(); err != nil {
			return err
		}
	}
	return ctx.Err()
}

func (w *Writer) check(hdr *tar.Header) (string, error) {
	w.stats.Entries++
	if w.stats.Entries > w.opts.MaxEntries {
		return "", fmt.Errorf("%w: more than %d entries", ErrLimit, w.opts.MaxEntries)
	}
	rel, err := Clean(hdr.Name, w.opts.MaxName)
	if err == nil && rel == "." && hdr.Typeflag != tar.TypeDir {
		err = fmt.Errorf("%w: the target itself must be a directory", ErrUnsafe)
	}
	return rel, err
}

func (w *Writer) entry(ctx context.Context, rel string, hdr *tar.Header, body io.Reader) error {
	w.wait(rel)
	switch hdr.Typeflag {
	case tar.TypeDir:
		return w.dir(rel, hdr)
	case tar.TypeReg:
		return w.file(ctx, rel, hdr, body)
	case tar.TypeSymlink:
		return w.symlink(rel, hdr)
	case tar.TypeLink:
		return w.hardlink(rel, hdr)
	}
	w.stats.Skipped++
	w.opts.Warn(hdr.Name, fmt.Errorf("entry of type %q not restored", hdr.Typeflag))
	return nil
}

func (w *Writer) wait(rel string) {
	if w.pool != nil {
		w.pool.wait(rel)
	}
}

func (w *Writer) hash(rel string) uint64 { return maphash.String(w.seed, rel) }

// replacing prepares rel to be replaced by something that is not a directory: a directory
// this run entered there is forgotten (its writes finished first), and rel is no longer a file
// that hard links may target.
func (w *Writer) replacing(rel string) {
	w.files.remove(w.hash(rel))
	if !w.dirs.entered(rel) {
		return
	}
	if w.pool != nil {
		w.pool.barrier()
	}
	w.dirs.forget(rel)
	for r := range w.deferred {
		if r == rel || strings.HasPrefix(r, rel+"/") {
			delete(w.deferred, r)
		}
	}
}

// dir makes directory rel, replacing what else stands there (a symlink is removed, never
// followed); its attributes are set by Close.
func (w *Writer) dir(rel string, hdr *tar.Header) error {
	if rel != "." {
		w.files.remove(w.hash(rel))
		dirRel, base := split(rel)
		parent, err := w.dirs.acquire(dirRel)
		if err != nil {
			return err
		}
		_, err = w.dirs.mkdir(parent, rel, base, true)
		w.dirs.release(parent)
		if err != nil {
			return err
		}
	}
	w.deferred[rel] = metaOf(hdr)
	w.stats.Dirs++
	return nil
}

// Flush waits for the pending writes and returns the first error: afterwards the target holds
// every file given so far (directories' attributes excepted, which Close sets).
func (w *Writer) Flush() error {
	if w.pool == nil {
		return nil
	}
	w.pool.barrier()
	return w.pool.failed()
}

// Close waits for the pending writes, sets the directories' attributes, deepest first, and
// closes the target. It returns the first error.
func (w *Writer) Close() error {
	var err error
	if w.pool != nil {
		err = w.pool.close()
	}
	if err == nil {
		err = w.applyDirs()
	}
	w.dirs.closeAll()
	return err
}

func (w *Writer) applyDirs() error {
	rels := make([]string, 0, len(w.deferred))
	for rel := range w.deferred {
		rels = append(rels, rel)
	}
	// Children before their parent, siblings together: each parent handle serves its children.
	sort.Slice(rels, func(i, j int) bool { return pathLess(rels[j], rels[i]) })
	for _, rel := range rels {
		if err := w.applyDir(rel, w.deferred[rel]); err != nil {
			return entryErr(rel, err)
		}
	}
	return nil
}

// pathLess orders paths component by component ('/' sorts before every other byte), "." first.
func pathLess(a, b string) bool {
	if a == "." || b == "." {
		return a == "." && b != "."
	}
	for i := 0; i < len(a) && i < len(b); i++ {
		switch ca, cb := a[i], b[i]; {
		case ca == cb:
		case ca == '/':
			return true
		case cb == '/':
			return false
		default:
			return ca < cb
		}
	}
	return len(a) < len(b)
}

// applyDir sets directory rel's attributes through its own Root, opened as any other directory
// of the target (a symlink standing there is refused, never followed).
func (w *Writer) applyDir(rel string, m meta) error {
	h, err := w.dirs.acquire(rel)
	if err != nil {
		return err
	}
	defer w.dirs.release(h)
	return setDirAttrs(h.root, m, w.owner)
}

// tempName returns a fresh short name for a file being written next to its final name.
func (w *Writer) tempName() string {
	return w.temp + strconv.FormatUint(w.tmpSeq.Add(1), 10) + ".tmp"
}
