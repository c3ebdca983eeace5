package extract

import (
	"archive/tar"
	"errors"
	"fmt"
	"io/fs"
	"strings"

	"golang.org/x/sys/unix"
)

func (w *Writer) symlink(rel string, hdr *tar.Header) error {
	target := hdr.Linkname
	if target == "" || strings.IndexByte(target, 0) >= 0 || len(target) > w.opts.MaxName {
		return fmt.Errorf("%w: bad symlink target", ErrUnsafe)
	}
	w.replacing(rel)
	dirRel, base := split(rel)
	h, err := w.dirs.acquire(dirRel)
	if err != nil {
		return err
	}
	defer w.dirs.release(h)
	tmp, err := w.tempLink(func(tmp string) error { return h.root.Symlink(target, tmp) })
	if err != nil {
		return err
	}
	m := metaOf(hdr)
	if w.owner {
		err = h.root.Lchown(tmp, m.uid, m.gid)
	}
	if err == nil {
		err = setTimes(h.dfd, tmp, m)
	}
	if err != nil {
		h.root.Remove(tmp)
		return err
	}
	w.stats.Symlinks++
	return place(h, tmp, base)
}

// hardlink links rel to a file this run wrote: never to anything that was in the target before.
func (w *Writer) hardlink(rel string, hdr *tar.Header) error {
	target, err := Clean(hdr.Linkname, w.opts.MaxName)
	if err != nil {
		return fmt.Errorf("hard link target: %w", err)
	}
	if _, ok := w.files[w.hash(target)]; !ok || target == rel {
		return fmt.Errorf("%w: hard link to %q, which this restore did not write", ErrUnsafe, hdr.Linkname)
	}
	w.wait(target)
	w.replacing(rel)
	th, err := w.dirs.acquire(parentOf(target))
	if err != nil {
		return err
	}
	defer w.dirs.release(th)
	dirRel, base := split(rel)
	h, err := w.dirs.acquire(dirRel)
	if err != nil {
		return err
	}
	defer w.dirs.release(h)
	_, tbase := split(target)
	tmp, err := w.tempLink(func(tmp string) error { return linkat(th, tbase, h, tmp) })
	if err == nil {
		err = place(h, tmp, base)
	}
	if err != nil {
		return err
	}
	w.files[w.hash(rel)] = struct{}{}
	w.stats.Links++
	return nil
}

func parentOf(rel string) string {
	dir, _ := split(rel)
	return dir
}

// tempLink runs make with fresh temporary names until one is free.
func (w *Writer) tempLink(make func(tmp string) error) (string, error) {
	for i := 0; ; i++ {
		tmp := w.tempName()
		err := make(tmp)
		if err == nil || !errors.Is(err, fs.ErrExist) || i == 9 {
			return tmp, err
		}
	}
}

// linkat makes newName in newDir a hard link to oldName in oldDir, relative to the two opened
// directories, without following oldName if it is a symlink.
func linkat(oldDir *dirHandle, oldName string, newDir *dirHandle, newName string) error {
	err := unix.Linkat(oldDir.dfd, oldName, newDir.dfd, newName, 0)
	if err != nil {
		return &fs.PathError{Op: "linkat", Path: newName, Err: err}
	}
	return nil
}
