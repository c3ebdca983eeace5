package restore

import (
	"archive/tar"
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"coffre/engine/archive"
	"coffre/engine/backup"
	"coffre/engine/index"
	"coffre/engine/rules"
)

// header is the tar header that recreates e at rel in its destination.
func header(e index.Entry, rel string, typ byte) *tar.Header {
	h := &tar.Header{
		Name: rel, Typeflag: typ, Mode: int64(e.Mode), Uid: int(e.UID), Gid: int(e.GID),
		ModTime: time.Unix(0, e.MTime),
	}
	switch typ {
	case tar.TypeReg:
		h.Size = e.Size
	case tar.TypeSymlink:
		h.Linkname = e.Link
	}
	return h
}

// fromIndex creates the selected entries of type t (directories, symlinks) from the index alone.
func (r *run) fromIndex(ctx context.Context, t index.Type, typ byte) error {
	return r.each(ctx, func(e *index.Entry) error {
		if e.Type != t {
			return nil
		}
		if kept, err := r.keeps(e); kept || err != nil {
			return err
		}
		d := r.ds.of(e.Path)
		return d.w.Entry(ctx, d.header(*e, typ), nil)
	})
}

// files reads the target's index again for the selected files that backup name holds, in
// the order its archive holds them.
type files struct {
	r    *run
	name string
	cur  *cursor
}

// next returns the next selected file held by name, nil at the end.
func (f *files) next() (*index.Entry, error) {
	for e := f.cur.peek(); e != nil; e = f.cur.peek() {
		f.cur.next = nil
		if e.Type == index.File && e.Holder == f.name && f.r.selected(e) {
			return e, nil
		}
	}
	return nil, f.cur.error()
}

// fromArchive reads backup name's archive once, in step with the index, and writes the
// content the plan wants from it, stopping once it has it all. An entry that does not fit
// what the backup's manifest declares (rules.Budget: an entry larger than the content left,
// more entries than stored) is refused at its header, so a hostile archive cannot make the
// restore decompress more than that.
func (r *run) fromArchive(ctx context.Context, name string) error {
	if fs, ok := r.seeks[name]; ok {
		return r.fromFrames(ctx, name, fs)
	}
	m, _ := r.c.get(name)
	hd := r.p.holders[name]
	cur, err := r.openCursor(ctx)
	if err != nil {
		return err
	}
	defer cur.close()
	fl := &files{r: r, name: name, cur: cur}
	// prepare checked every volume the plan reads (checkVolumes).
	ar, err := archive.NewReader(ctx, r.o.Storage, m.Volumes, archive.Limits{Checked: true})
	if err != nil {
		return err
	}
	defer ar.Close()
	budget := rules.NewBudget(m)
	f, err := fl.next()
	left := len(hd.wants)
	for err == nil && (f != nil || left > 0) {
		var h *tar.Header
		if h, err = ar.Next(); err == io.EOF {
			err = nil
			break
		}
		if err == nil {
			err = budget.Take(h) // before anything of its content is decompressed
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		p := strings.TrimSuffix(h.Name, "/")
		var mine *index.Entry
		if f != nil && f.Path == p {
			mine = f
		}
		w := hd.wants[p]
		if w != nil && !w.found {
			w.found, left = true, left-1
		} else {
			w = nil
		}
		if mine != nil || w != nil {
			err = r.content(ctx, name, h, ar, mine, w)
		}
		if err == nil && mine != nil {
			f, err = fl.next()
		}
	}
	if err != nil {
		return err
	}
	if f != nil {
		return fmt.Errorf("%s missing from the archive of %s: %w", f.Path, name, ErrIndex)
	}
	return missingFrom(name, hd.wants)
}

func missingFrom(name string, wants map[string]*want) error {
	var missing []string
	for p, w := range wants {
		if !w.found {
			missing = append(missing, p)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%d entries missing from the archive of %s (%q...): %w", len(missing), name, missing[0], ErrIndex)
	}
	return nil
}

// content writes an archive entry's content to its destinations: the selected file f at that
// path, and the hard links and references of w; the first written gets the content, the
// others are hard links to it. What the request's Existing mode keeps is passed over.
func (r *run) content(ctx context.Context, name string, h *tar.Header, body io.Reader, f *index.Entry, w *want) error {
	var lead index.Entry
	var dests []string
	if f != nil {
		lead, dests = *f, []string{f.Path}
	}
	if w != nil {
		if f == nil {
			lead = w.e
		}
		dests = append(dests, w.dests...)
	}
	if h.Typeflag != tar.TypeReg || h.Size != lead.Size {
		return fmt.Errorf("%s in %s: type %q, %d bytes; the index says a file of %d bytes: %w",
			h.Name, name, h.Typeflag, h.Size, lead.Size, ErrIndex)
	}
	var first *dest
	var firstPath string
	for _, p := range dests {
		e := lead
		e.Path = p
		if kept, err := r.keeps(&e); err != nil {
			return err
		} else if kept {
			continue
		}
		if first == nil {
			first, firstPath = r.ds.of(p), p
			h0 := first.header(lead, tar.TypeReg)
			h0.Name = first.rel(p)
			if err := first.w.Entry(ctx, h0, body); err != nil {
				return err
			}
			r.prog.add(1, lead.Size, p)
			continue
		}
		if err := r.link(ctx, first, firstPath, p); err != nil {
			return err
		}
	}
	return nil
}

// link makes p a hard link to the file just written at first's path firstPath.
func (r *run) link(ctx context.Context, first *dest, firstPath, p string) error {
	d := r.ds.of(p)
	if d != first {
		r.o.Warn(backup.Warning{Path: p, Code: "not_restored", Err: "hard link across webspaces"})
		return nil
	}
	link := &tar.Header{Name: d.rel(p), Typeflag: tar.TypeLink, Linkname: d.rel(firstPath)}
	if err := d.w.Entry(ctx, link, nil); err != nil {
		return err
	}
	r.prog.add(1, 0, p)
	return nil
}
