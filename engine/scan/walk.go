package scan

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"

	"golang.org/x/sys/unix"

	"coffre/engine/index"
	"coffre/engine/pattern"
)

// Options say what Walk leaves out and where it reports what it skipped.
type Options struct {
	Exclude     *pattern.Set // nil excludes nothing
	ExcludeLogs bool         // leave out LogDirs and files named like logs (pattern.IsLogName)
	LogDirs     []string     // slash paths relative to the root
	// Warn is told of every path skipped or changed, with a code (ChangedType, ...). It is called
	// from Walk's goroutine. Nil ignores them.
	Warn func(rel, code string, err error)
}

type walker struct {
	ctx   context.Context
	o     Options
	dev   uint64 // the root's file system
	owner uint32 // the root's owner: a hard link to another user's file is not stored
	out   []Entry
	links map[[2]uint64]string
}

// Walk lists the tree under root in index order (entries of a directory sorted by name, a
// directory before its content), without following any symlink (root included) and without
// entering another file system. It fails only if root cannot be read or ctx ends; problems
// with single paths are reported to o.Warn and the path left out.
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
	if o.Warn == nil {
		o.Warn = func(string, string, error) {}
	}
	w := &walker{ctx: ctx, o: o, dev: st.Dev, owner: st.Uid, links: map[[2]uint64]string{}}
	w.out = append(w.out, fromStat("", &st))
	if err := w.dir(fd, ""); err != nil {
		return nil, fmt.Errorf("scan %s: %w", root, err)
	}
	return w.out, nil
}

// dir lists the directory open as fd (and closes it), recursing into subdirectories.
func (w *walker) dir(fd int, rel string) error {
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
		if err := w.child(fd, rel, name); err != nil {
			return err
		}
	}
	return nil
}

func (w *walker) child(dirfd int, rel, name string) error {
	crel := Join(rel, name)
	if w.o.Exclude.Match(crel) || w.o.ExcludeLogs && slices.Contains(w.o.LogDirs, crel) {
		return nil
	}
	var st unix.Stat_t
	if err := unix.Fstatat(dirfd, name, &st, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		w.warnErr(crel, err)
		return nil
	}
	e := fromStat(crel, &st)
	if e.Type != index.Dir && w.o.ExcludeLogs && pattern.IsLogName(name) {
		return nil
	}
	switch e.Type {
	case index.Dir:
		return w.subdir(dirfd, name, e)
	case index.File:
		w.file(e)
	case index.Symlink:
		w.symlink(dirfd, name, e)
	default:
		w.o.Warn(crel, SpecialFile, fmt.Errorf("not a file, directory or link (mode %o)", st.Mode))
	}
	return nil
}

func (w *walker) subdir(dirfd int, name string, e Entry) error {
	if e.Dev != w.dev {
		w.o.Warn(e.Rel, MountPoint, errors.New("another file system: not descended"))
		return nil
	}
	fd, err := OpenDir(dirfd, name, &e)
	if err != nil {
		w.warnErr(e.Rel, err)
		return nil
	}
	w.out = append(w.out, e)
	return w.dir(fd, e.Rel)
}

func (w *walker) file(e Entry) {
	if e.Nlink > 1 && e.UID != w.owner {
		w.o.Warn(e.Rel, ForeignHardlink, fmt.Errorf("hard link to a file of uid %d", e.UID))
		return
	}
	if e.Nlink > 1 {
		key := [2]uint64{e.Dev, e.Ino}
		if first, ok := w.links[key]; ok {
			e.Type, e.Link = index.Hardlink, first
		} else {
			w.links[key] = e.Rel
		}
	}
	w.out = append(w.out, e)
}

func (w *walker) symlink(dirfd int, name string, e Entry) {
	target, err := readlinkat(dirfd, name)
	if err != nil {
		w.warnErr(e.Rel, err)
		return
	}
	e.Link = target
	w.out = append(w.out, e)
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
