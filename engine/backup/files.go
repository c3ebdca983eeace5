package backup

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"
	"os/user"
	"strconv"
	"time"

	"coffre/engine/archive"
	"coffre/engine/index"
	"coffre/engine/scan"
)

// filesWriter writes the stored paths of each subscription under files/<domain>/.
type filesWriter struct {
	ctx context.Context
	r   *runner
	aw  interface {
		WriteHeader(*tar.Header) error
		WriteSparseHeader(*tar.Header, []archive.Segment) error
		Write([]byte) (int, error)
		Bytes() int64
	}
	owners *owners
	hdr    tar.Header
	failed map[string]bool // hard-link groups whose file could not be read
}

func (fw *filesWriter) sub(ctx context.Context, s int) error {
	p := fw.r.plan
	sb := &p.subs[s]
	first, last := p.subRange(s)
	fw.ctx = ctx
	rd, err := scan.NewReader(ctx, sb.root, sb.entries, p.filesToRead(first, last), scan.ReadOptions{})
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer rd.Close()
	fw.failed = map[string]bool{}
	for i := first; i < last; i++ {
		if it := &p.items[i]; it.store {
			if err := fw.item(it, rd); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

func (fw *filesWriter) item(it *item, rd *scan.Reader) error {
	path := fw.r.plan.path(it)
	h := fw.header(it, path)
	switch it.e.Type {
	case index.File:
		return fw.file(it, path, h, rd)
	case index.Hardlink:
		if g := fw.r.plan.linkPath(it); fw.failed[g] {
			it.drop = true
			fw.r.warn(path, scan.Vanished, fmt.Errorf("its other name %s could not be read", g))
			return nil
		}
	}
	if err := fw.aw.WriteHeader(h); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fw.r.prog.entry(path, 0)
	return nil
}

func (fw *filesWriter) file(it *item, path string, h *tar.Header, rd *scan.Reader) error {
	c, ok := rd.Next()
	if !ok || c.Entry != it.e {
		if err := fw.ctx.Err(); err != nil {
			return err
		}
		return errors.New("backup: file reader out of step")
	}
	defer c.Close()
	if c.Err != nil {
		it.drop, fw.failed[path] = true, true
		fw.r.warn(path, scan.Code(c.Err), c.Err)
		return nil
	}
	// Where the entry starts: the previous entry's padding to the next 512-byte block comes
	// first. A restore of this file reads from there.
	it.off = (fw.aw.Bytes() + 511) &^ 511
	if err := fw.writeHeader(h, c.Sparse); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fw.r.prog.p.Current = path
	n, err := c.WriteTo(fw.r.prog.content(fw.aw))
	if err != nil {
		return fmt.Errorf("backup: %s: %w", path, err)
	}
	if c.Changed != nil {
		fw.r.warnings++
		fw.r.o.Warn(Warning{Path: path, Code: scan.ChangedWhile, Err: c.Changed.Error()})
	}
	fw.r.prog.entry(path, it.e.Size-n)
	return nil
}

// writeHeader starts a file's entry: a sparse one (holes stored as holes) when the reader
// found holes in it.
func (fw *filesWriter) writeHeader(h *tar.Header, sparse []scan.Segment) error {
	if sparse == nil {
		return fw.aw.WriteHeader(h)
	}
	data := make([]archive.Segment, len(sparse))
	for i, s := range sparse {
		data[i] = archive.Segment(s)
	}
	return fw.aw.WriteSparseHeader(h, data)
}

// header is the tar header of a stored path.
// The header is reused from one entry to the next (the archive writer keeps none).
func (fw *filesWriter) header(it *item, path string) *tar.Header {
	e := it.e
	h := &fw.hdr
	*h = tar.Header{Name: path, Mode: int64(e.Mode), Uid: int(e.UID), Gid: int(e.GID),
		ModTime: time.Unix(0, e.MTime), Uname: fw.owners.user(e.UID), Gname: fw.owners.group(e.GID)}
	switch e.Type {
	case index.Dir:
		h.Typeflag, h.Name = tar.TypeDir, path+"/"
	case index.File:
		h.Typeflag, h.Size = tar.TypeReg, e.Size
	case index.Symlink:
		h.Typeflag, h.Linkname = tar.TypeSymlink, e.Link
	case index.Hardlink:
		h.Typeflag, h.Linkname = tar.TypeLink, fw.r.plan.linkPath(it)
	}
	return h
}

// subRange is the items of subscription s: [first, last).
func (p *plan) subRange(s int) (int, int) {
	first := 0
	for first < len(p.items) && p.items[first].sub < s {
		first++
	}
	last := first
	for last < len(p.items) && p.items[last].sub == s {
		last++
	}
	return first, last
}

// filesToRead lists, as indexes into the subscription's scan entries, the files to store.
func (p *plan) filesToRead(first, last int) []int {
	var which []int
	for i := first; i < last; i++ {
		if it := &p.items[i]; it.store && it.e.Type == index.File {
			which = append(which, i-first)
		}
	}
	return which
}

// storedEntries counts the tar entries stored under files/.
func (p *plan) storedEntries() int64 {
	var n int64
	for i := range p.items {
		if p.items[i].store && !p.items[i].drop {
			n++
		}
	}
	return n
}

// writeIndex writes the index of the captured state (paths that could not be read left out).
func (p *plan) writeIndex(w io.Writer) (int64, error) {
	iw, err := index.NewWriter(w, p.name)
	if err != nil {
		return 0, err
	}
	if err := iw.SetFrames(p.frames); err != nil {
		return 0, err
	}
	var n int64
	for i := range p.items {
		if it := &p.items[i]; !it.drop {
			ie := p.indexEntry(it)
			if err := iw.Add(&ie); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, iw.Close()
}

// owners caches user and group names.
type owners struct{ users, groups map[uint32]string }

func newOwners() *owners {
	return &owners{users: map[uint32]string{}, groups: map[uint32]string{}}
}

func (o *owners) user(id uint32) string {
	n, ok := o.users[id]
	if !ok {
		if u, err := user.LookupId(strconv.Itoa(int(id))); err == nil {
			n = u.Username
		}
		o.users[id] = n
	}
	return n
}

func (o *owners) group(id uint32) string {
	n, ok := o.groups[id]
	if !ok {
		if g, err := user.LookupGroupId(strconv.Itoa(int(id))); err == nil {
			n = g.Name
		}
		o.groups[id] = n
	}
	return n
}
