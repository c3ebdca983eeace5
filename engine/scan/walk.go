package scan

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"

	"golang.org/x/sys/unix"

	"coffre/engine/index"
	"coffre/engine/pattern"
)

// Options say what Walk leaves out and where it reports what it skipped.
type Options struct {
	Exclude     *pattern.Set // nil excludes nothing
	ExcludeLogs bool         // leave out LogDirs and files named like logs (pattern.IsLogName)
	LogDirs     []string     // slash paths relative to the root
	// Owner is the uid that owns the webspace's files; nil takes the root directory's owner. A
	// file with several hard links that belongs to someone else is not stored.
	Owner *uint32
	// Warn is told of every path skipped or changed, with a code (ChangedType, ...). It is called
	// from Walk's goroutine. Nil ignores them.
	Warn func(rel, code string, err error)
}

// Excluded reports whether o's exclusions leave the path rel (a slash path relative to the
// root, not the root itself) out of a backup: a pattern of o.Exclude matches it, or, with
// o.ExcludeLogs, it is one of o.LogDirs or, unless it is a directory, has a log's name
// (pattern.IsLogName). A directory left out takes its whole subtree with it. What is excluded
// as a directory is excluded whatever its type (Walk decides before it looks).
func (o Options) Excluded(rel string, isDir bool) bool {
	if o.Exclude.Match(rel) {
		return true
	}
	return o.ExcludeLogs && (slices.Contains(o.LogDirs, rel) || !isDir && pattern.IsLogName(baseOf(rel)))
}

type walker struct {
	ctx   context.Context
	o     Options
	dev   uint64 // the root's file system
	owner uint32 // the root's owner: a hard link to another user's file is not stored
	sem   chan struct{}
	wg    sync.WaitGroup
}

// walkers is how many directories are read at once (a cold disk answers several requests
// faster than one after the other; a warm cache is read on every core).
const walkers = 8

// Walk lists the tree under root in index order (entries of a directory sorted by name, a
// directory before its content), without following any symlink (root included) and without
// entering another file system; the later names of a file with several hard links are marked
// as hard links to its first name. It holds the whole listing: Stream is the same walk in
// bounded memory. It fails only if root cannot be read or ctx ends; problems with single
// paths are reported to o.Warn (from several goroutines, one call at a time) and the path left
// out.
func Walk(ctx context.Context, root string, o Options) ([]Entry, error) {
	var out []Entry
	err := Stream(ctx, root, o, func(e *Entry) error {
		out = append(out, *e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	groupHardLinks(out)
	return out, nil
}

// Stream is Walk handing each entry to fn, in index order, as it goes: memory is bounded by
// the walkers' look-ahead and the largest directory's names, whatever the number of paths.
// Hard links are not grouped (each name is a File with Nlink > 1). The entry is valid until
// fn returns; an error of fn stops the walk and is returned.
func Stream(ctx context.Context, root string, o Options, fn func(*Entry) error) error {
	fd, err := unix.Open(root, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("scan %s: %w", root, err)
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd)
		return fmt.Errorf("scan %s: %w", root, err)
	}
	ctx, cancel := context.WithCancel(ctx)
	w := &walker{ctx: ctx, o: o, dev: st.Dev, owner: st.Uid, sem: make(chan struct{}, walkers)}
	if o.Owner != nil {
		w.owner = *o.Owner
	}
	w.o.Warn = serialized(o.Warn)
	top := fromStat("", &st)
	if err := fn(&top); err != nil {
		unix.Close(fd)
		cancel()
		return err
	}
	err = w.drain(w.start(fd, ""), fn)
	cancel()
	w.wg.Wait()
	if err != nil {
		return fmt.Errorf("scan %s: %w", root, err)
	}
	return nil
}

func serialized(warn func(rel, code string, err error)) func(rel, code string, err error) {
	if warn == nil {
		return func(string, string, error) {}
	}
	var mu sync.Mutex
	return func(rel, code string, err error) {
		mu.Lock()
		defer mu.Unlock()
		warn(rel, code, err)
	}
}

// groupHardLinks marks the later names of an inode listed more than once as hard links to
// its first name.
func groupHardLinks(es []Entry) {
	first := map[[2]uint64]string{}
	for i := range es {
		e := &es[i]
		if e.Type != index.File || e.Nlink < 2 {
			continue
		}
		key := [2]uint64{e.Dev, e.Ino}
		if f, ok := first[key]; ok {
			e.Type, e.Link = index.Hardlink, f
		} else {
			first[key] = e.Rel
		}
	}
}

// dir lists the directory open as fd (and closes it) into s, recursing into subdirectories.
func (w *walker) dir(s *segment, fd int, rel string) error {
	defer unix.Close(fd)
	names, err := readNames(fd)
	if err != nil {
		w.o.Warn(rel, Unreadable, err)
		return nil
	}
	slices.Sort(names)
	for _, name := range names {
		if err := w.ctx.Err(); err != nil {
			return err
		}
		if err := w.child(s, fd, rel, name); err != nil {
			return err
		}
	}
	return nil
}

// direntBufs are getdents buffers: one per directory being read, whatever its size.
var direntBufs = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// readNames returns the names in the directory open as fd, but "." and "..", in the order
// the file system gives them.
func readNames(fd int) ([]string, error) {
	bp := direntBufs.Get().(*[]byte)
	defer direntBufs.Put(bp)
	var names []string
	for {
		n, err := unix.Getdents(fd, *bp)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		if n <= 0 {
			return names, nil
		}
		_, _, names = unix.ParseDirent((*bp)[:n], -1, names)
	}
}

func (w *walker) child(s *segment, dirfd int, rel, name string) error {
	crel := Join(rel, name)
	if w.o.Excluded(crel, true) { // excluded whatever it is: not even looked at
		return nil
	}
	var st unix.Stat_t
	if err := unix.Fstatat(dirfd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		w.warnErr(crel, err)
		return nil
	}
	e := fromStat(crel, &st)
	if e.Type != index.Dir && w.o.Excluded(crel, false) {
		return nil
	}
	switch e.Type {
	case index.Dir:
		return w.subdir(s, dirfd, name, e)
	case index.File:
		return w.file(s, e)
	case index.Symlink:
		return w.symlink(s, dirfd, name, e)
	default:
		w.o.Warn(crel, SpecialFile, fmt.Errorf("not a file, directory or link (mode %o)", st.Mode))
	}
	return nil
}

func (w *walker) subdir(s *segment, dirfd int, name string, e Entry) error {
	if e.Dev != w.dev {
		w.o.Warn(e.Rel, MountPoint, errors.New("another file system: not descended"))
		return nil
	}
	fd, err := OpenDir(dirfd, name, &e)
	if err != nil {
		w.warnErr(e.Rel, err)
		return nil
	}
	if err := s.add(w.ctx, e); err != nil {
		unix.Close(fd)
		return err
	}
	select {
	case w.sem <- struct{}{}: // a free walker takes the subtree
		k := w.start(fd, e.Rel)
		if err := s.send(w.ctx, piece{kid: k}); err != nil {
			return err
		}
		return nil
	default:
		return w.dir(s, fd, e.Rel)
	}
}

func (w *walker) file(s *segment, e Entry) error {
	if e.Nlink > 1 && e.UID != w.owner {
		w.o.Warn(e.Rel, ForeignHardlink, fmt.Errorf("hard link to a file of uid %d", e.UID))
		return nil
	}
	return s.add(w.ctx, e)
}

func (w *walker) symlink(s *segment, dirfd int, name string, e Entry) error {
	target, err := readlinkat(dirfd, name)
	if err != nil {
		w.warnErr(e.Rel, err)
		return nil
	}
	e.Link = target
	return s.add(w.ctx, e)
}

func (w *walker) warnErr(rel string, err error) {
	w.o.Warn(rel, Code(err), err)
}

// Code is the warning code for an error of OpenDir, OpenFile or a stat.
func Code(err error) string {
	switch {
	case errors.Is(err, errChangedType):
		return ChangedType
	case errors.Is(err, unix.ENOENT), errors.Is(err, unix.ENOTDIR):
		return Vanished
	}
	return Unreadable
}

func readlinkat(dirfd int, name string) (string, error) {
	for size := 256; size <= 1<<20; size *= 4 {
		buf := make([]byte, size)
		n, err := unix.Readlinkat(dirfd, name, buf)
		if err != nil {
			return "", err
		}
		if n < size {
			return string(buf[:n]), nil
		}
	}
	return "", errors.New("link target too long")
}
