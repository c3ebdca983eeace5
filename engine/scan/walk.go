package scan

import (
	"context"
	"errors"
	"fmt"
	"os"
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
}

// segment is the part of the listing one goroutine produced: its entries, with the listings
// of subtrees walked by other goroutines to be inserted at given positions.
type segment struct {
	entries []Entry
	kids    []kid
	done    chan struct{}
	err     error
}

type kid struct {
	at  int // the subtree comes after entries[:at]
	seg *segment
}

// walkers is how many directories are read at once (a cold disk answers several requests
// faster than one after the other; a warm cache is read on every core).
const walkers = 8

// Walk lists the tree under root in index order (entries of a directory sorted by name, a
// directory before its content), without following any symlink (root included) and without
// entering another file system. It fails only if root cannot be read or ctx ends; problems
// with single paths are reported to o.Warn (from several goroutines, one call at a time) and
// the path left out.
func Walk(ctx context.Context, root string, o Options) ([]Entry, error) {
	fd, err := unix.Open(root, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("scan %s: %w", root, err)
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		unix.Close(fd)
		return nil, fmt.Errorf("scan %s: %w", root, err)
	}
	w := &walker{ctx: ctx, o: o, dev: st.Dev, owner: st.Uid, sem: make(chan struct{}, walkers)}
	if o.Owner != nil {
		w.owner = *o.Owner
	}
	w.o.Warn = serialized(o.Warn)
	top := &segment{entries: []Entry{fromStat("", &st)}}
	err = w.dir(top, fd, "")
	out, ferr := flatten(top, make([]Entry, 0, 1024))
	if err = errors.Join(err, ferr); err != nil {
		return nil, fmt.Errorf("scan %s: %w", root, err)
	}
	groupHardLinks(out)
	return out, nil
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

// flatten appends the listing of s and its subtrees, in order, waiting for each subtree.
func flatten(s *segment, out []Entry) ([]Entry, error) {
	var errs []error
	prev := 0
	for _, k := range s.kids {
		out = append(out, s.entries[prev:k.at]...)
		<-k.seg.done
		var err error
		out, err = flatten(k.seg, out)
		errs = append(errs, k.seg.err, err)
		prev = k.at
	}
	out = append(out, s.entries[prev:]...)
	s.entries, s.kids = nil, nil // copied: let it go before the next segments are
	return out, errors.Join(errs...)
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
	f := os.NewFile(uintptr(fd), rel)
	defer f.Close()
	names, err := f.Readdirnames(-1)
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
		w.file(s, e)
	case index.Symlink:
		w.symlink(s, dirfd, name, e)
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
	s.entries = append(s.entries, e)
	select {
	case w.sem <- struct{}{}: // a free walker takes the subtree
		k := &segment{done: make(chan struct{})}
		s.kids = append(s.kids, kid{at: len(s.entries), seg: k})
		go func() {
			defer close(k.done)
			k.err = w.dir(k, fd, e.Rel)
			<-w.sem
		}()
		return nil
	default:
		return w.dir(s, fd, e.Rel)
	}
}

func (w *walker) file(s *segment, e Entry) {
	if e.Nlink > 1 && e.UID != w.owner {
		w.o.Warn(e.Rel, ForeignHardlink, fmt.Errorf("hard link to a file of uid %d", e.UID))
		return
	}
	s.entries = append(s.entries, e)
}

func (w *walker) symlink(s *segment, dirfd int, name string, e Entry) {
	target, err := readlinkat(dirfd, name)
	if err != nil {
		w.warnErr(e.Rel, err)
		return
	}
	e.Link = target
	s.entries = append(s.entries, e)
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
