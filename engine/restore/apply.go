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
	for _, e := range r.p.entries {
		if e.Type != t {
			continue
		}
		d := r.ds.of(e.Path)
		if err := d.w.Entry(ctx, d.header(e, typ), nil); err != nil {
			return err
		}
	}
	return nil
}

// fromArchive reads backup name's archive once and writes the content the plan wants from it,
// stopping once it has it all. An entry that does not fit what the backup's manifest declares
// (rules.Budget: an entry larger than the content left, more entries than stored) is refused at
// its header, so a hostile archive cannot make the restore decompress more than that.
func (r *run) fromArchive(ctx context.Context, name string) error {
	if fs, ok := r.seeks[name]; ok {
		return r.fromFrames(ctx, name, fs)
	}
	m, _ := r.c.get(name)
	wants := r.p.holders[name]
	// prepare checked every volume the plan reads (checkVolumes).
	ar, err := archive.NewReader(ctx, r.o.Storage, m.Volumes, archive.Limits{Checked: true})
	if err != nil {
		return err
	}
	defer ar.Close()
	found := 0
	budget := rules.NewBudget(m)
	for found < len(wants) {
		h, err := ar.Next()
		if err == io.EOF {
			break
		}
		if err == nil {
			err = budget.Take(h) // before anything of its content is decompressed
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		w := wants[strings.TrimSuffix(h.Name, "/")]
		if w == nil || w.found {
			continue
		}
		w.found = true
		found++
		if err := r.content(ctx, name, w, h, ar); err != nil {
			return err
		}
	}
	return missingFrom(name, wants)
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

// content writes an archive entry's content to the want's first destination and links the
// others to it.
func (r *run) content(ctx context.Context, name string, w *want, h *tar.Header, body io.Reader) error {
	if h.Typeflag != tar.TypeReg || h.Size != w.e.Size {
		return fmt.Errorf("%s in %s: type %q, %d bytes; the index says a file of %d bytes: %w",
			h.Name, name, h.Typeflag, h.Size, w.e.Size, ErrIndex)
	}
	first := r.ds.of(w.dests[0])
	h0 := first.header(w.e, tar.TypeReg)
	h0.Name = first.rel(w.dests[0])
	if err := first.w.Entry(ctx, h0, body); err != nil {
		return err
	}
	r.prog.add(1, w.e.Size, w.dests[0])
	for _, p := range w.dests[1:] {
		d := r.ds.of(p)
		if d != first {
			r.o.Warn(backup.Warning{Path: p, Code: "not_restored", Err: "hard link across webspaces"})
			continue
		}
		link := &tar.Header{Name: d.rel(p), Typeflag: tar.TypeLink, Linkname: d.rel(w.dests[0])}
		if err := d.w.Entry(ctx, link, nil); err != nil {
			return err
		}
		r.prog.add(1, 0, p)
	}
	return nil
}
