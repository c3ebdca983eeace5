package restore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"syscall"

	"coffre/engine/index"
	"coffre/engine/pattern"
	"coffre/engine/scan"
)

// pruner removes, below a restored directory, what the backup's state did not have, sparing
// what that backup could not have captured: paths its exclusions left out, special files, and
// other file systems mounted there. It never follows a symlink.
type pruner struct {
	r       *run
	cur     *cursor // the index, read in step with the folders pruned (both in index order)
	exclude *pattern.Set
	logs    bool
	removed int64
	// dry, when set, is told each path that would be removed, and nothing is.
	dry func(p string)
}

func newPruner(r *run, exclude string, logs bool) (*pruner, error) {
	ex, err := pattern.Compile(exclude)
	if err != nil {
		return nil, fmt.Errorf("the backup's exclusions: %w", err)
	}
	return &pruner{r: r, exclude: ex, logs: logs}, nil
}

// made reports whether the restore made the folder rel of d (none in a dry run).
func (pr *pruner) made(d *dest, rel string) bool { return pr.dry == nil && d.w.Made(rel) }

// prune removes the unlisted paths below the archive path top, if it is a listed directory
// that the restore did not make (one it made holds only what it wrote).
func (pr *pruner) prune(ctx context.Context, d *dest, top string) error {
	cur, err := pr.r.openCursor(ctx)
	if err != nil {
		return err
	}
	defer cur.close()
	pr.cur = cur
	if err := pr.pruneAt(ctx, d, top); err != nil {
		return err
	}
	return cur.error()
}

// pruneAt prunes below top: the folders are read in name order, the order of the index.
func (pr *pruner) pruneAt(ctx context.Context, d *dest, top string) error {
	if e, ok := pr.lookup(top); !ok || e.Type != index.Dir || pr.made(d, d.rel(top)) {
		return nil
	}
	root, err := d.root.OpenRoot(".")
	if err != nil {
		return err
	}
	defer root.Close()
	if rel := d.rel(top); rel != "." {
		for _, name := range strings.Split(rel, "/") {
			sub, err := openSubdir(root, name)
			if pr.dry != nil && (errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)) {
				return nil // nothing there yet: nothing to remove
			}
			if err != nil {
				return err
			}
			defer sub.Close()
			root = sub
		}
	}
	return pr.dir(ctx, d, root, top)
}

// openSubdir opens the child directory name (one component) of root, refusing a symlink (the
// writer replaced any); a path is opened one component at a time, following no symlink.
func openSubdir(root *os.Root, name string) (*os.Root, error) {
	fi, err := root.Lstat(name)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, &fs.PathError{Op: "prune", Path: name, Err: syscall.ENOTDIR}
	}
	sub, err := root.OpenRoot(name)
	if err != nil {
		return nil, err
	}
	if now, err := sub.Stat("."); err != nil || !os.SameFile(fi, now) {
		sub.Close()
		return nil, &fs.PathError{Op: "prune", Path: name, Err: errors.New("changed while opened")}
	}
	return sub, nil
}

func (pr *pruner) dir(ctx context.Context, d *dest, dir *os.Root, at string) error {
	f, err := dir.Open(".")
	if err != nil {
		return err
	}
	names, err := f.Readdirnames(-1)
	f.Close()
	if err != nil {
		return err
	}
	self, err := dir.Stat(".")
	if err != nil {
		return err
	}
	dev := devOf(self)
	slices.Sort(names)
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := pr.child(ctx, d, dir, dev, at+"/"+name, name); err != nil {
			return err
		}
	}
	return nil
}

func (pr *pruner) child(ctx context.Context, d *dest, dir *os.Root, dev uint64, p, name string) error {
	fi, err := dir.Lstat(name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	e, listed := pr.lookup(p)
	switch {
	case !listed && !pr.spared(d, p, fi, dev):
		pr.removed++
		if pr.dry != nil {
			pr.dry(p)
			return nil
		}
		return dir.RemoveAll(name)
	case listed && e.Type == index.Dir && fi.IsDir() && devOf(fi) == dev && !pr.made(d, d.rel(p)):
		sub, err := openSubdir(dir, name)
		if err != nil {
			return err
		}
		defer sub.Close()
		return pr.dir(ctx, d, sub, p)
	}
	return nil
}

// spared reports whether an unlisted path stays: the backup did not mean to capture it.
func (pr *pruner) spared(d *dest, p string, fi fs.FileInfo, dev uint64) bool {
	if t := fi.Mode().Type(); t != 0 && t != fs.ModeDir && t != fs.ModeSymlink {
		return true // devices, FIFOs, sockets: never backed up
	}
	if fi.IsDir() && devOf(fi) != dev {
		return true // a mount point: another file system, never descended by the backup
	}
	_, rel, _ := index.SplitPath(p)
	o := scan.Options{Exclude: pr.exclude, ExcludeLogs: pr.logs, LogDirs: d.sub.Logs}
	return o.Excluded(rel, fi.IsDir())
}

// devOf returns the device of a file's Lstat.
func devOf(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Dev)
	}
	return 0
}

// removeAbsent removes, in each selected webspace, the requested paths that an undo's safety
// backup does not hold (they did not exist before the restore being undone). Each path is
// reached one component at a time, following no symlink.
func (r *run) removeAbsent() (int64, error) {
	var n int64
	for _, q := range r.absent {
		for _, domain := range r.sel.subs {
			p := index.PathOf(domain, q)
			d := r.ds.of(p)
			ok, err := removeAt(d.root, d.rel(p))
			if err != nil {
				return n, fmt.Errorf("remove %s: %w", p, err)
			}
			if ok {
				n++
			}
		}
	}
	return n, nil
}

// removeAt removes rel (a clean slash path) below root, reporting whether it was there.
func removeAt(root *os.Root, rel string) (bool, error) {
	parts := strings.Split(rel, "/")
	dir := root
	for _, name := range parts[:len(parts)-1] {
		sub, err := openSubdir(dir, name)
		if errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR) {
			return false, nil
		}
		if err != nil {
			return false, err
		}
		defer sub.Close()
		dir = sub
	}
	last := parts[len(parts)-1]
	if _, err := dir.Lstat(last); errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	return true, dir.RemoveAll(last)
}

// lookup finds the selected entry of p, a path after the one asked before.
func (pr *pruner) lookup(p string) (index.Entry, bool) {
	e, ok := pr.cur.lookup(p)
	if !ok || !pr.r.selected(&e) {
		return index.Entry{}, false
	}
	return e, true
}
