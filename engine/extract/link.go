package extract

import (
	"archive/tar"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
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
		err = setSymlinkTimes(h, tmp, m)
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
	if !w.files.has(w.hash(target)) || target == rel {
		return fmt.Errorf("%w: hard link to %q, which this restore did not write", ErrUnsafe, hdr.Linkname)
	}
	w.wait(target)
	w.replacing(rel)
	tdir, tbase := split(target)
	th, err := w.dirs.acquire(tdir)
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
	if err := w.link(th, tbase, h, base); err != nil {
		return err
	}
	w.files.add(w.hash(rel))
	w.stats.Links++
	return nil
}

// link makes base in h a hard link to the file tbase in th, through the Root of the two
// directories' nearest common one (os.Root.Link takes both names in one Root, which never lets
// them leave it), and checks that the new name is that very file before renaming it into place.
func (w *Writer) link(th *dirHandle, tbase string, h *dirHandle, base string) error {
	want, err := th.root.Lstat(tbase)
	if err != nil {
		return err
	}
	top := commonDir(th.rel, h.rel)
	ch, err := w.dirs.acquire(top)
	if err != nil {
		return err
	}
	defer w.dirs.release(ch)
	tmp, err := w.tempLink(func(tmp string) error {
		return ch.root.Link(below(top, th.rel, tbase), below(top, h.rel, tmp))
	})
	if err != nil {
		return err
	}
	if got, err := h.root.Lstat(tmp); err != nil || !os.SameFile(want, got) {
		h.root.Remove(tmp)
		return fmt.Errorf("%w: %q changed while linked to", ErrUnsafe, below(".", th.rel, tbase))
	}
	return place(h, tmp, base)
}

// commonDir returns the deepest directory that holds both directories a and b ("." for the
// target itself).
func commonDir(a, b string) string {
	for a != "." && b != a && !strings.HasPrefix(b, a+"/") {
		a, _ = split(a)
	}
	return a
}

// below returns the path of name in directory dir relative to top, which holds dir.
func below(top, dir, name string) string {
	switch {
	case dir == top:
		return name
	case top == ".":
		return dir + "/" + name
	}
	return dir[len(top)+1:] + "/" + name
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
