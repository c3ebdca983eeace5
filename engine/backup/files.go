package backup

import (
	"archive/tar"
	"context"
	"fmt"
	"io"
	"os/user"
	"strconv"
	"strings"
	"time"

	"coffre/engine/archive"
	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/scan"
)

// written is what writing the archive found, for the manifest.
type written struct {
	entries  int64 // tar entries stored under files/ and mail/
	indexed  int64 // records of the index written
	webFiles int64 // regular files of the webspaces' state
	webBytes int64
}

// filesWriter writes the stored paths of each tree, reading the plan as a stream in step with
// the archive, and the list of files to read (the reads spill) ahead of it for the
// scan.Reader. Each path kept goes on to the index written (with its offset in the archive
// when stored here).
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
	plan   *peeker
	src    *peeker // the reads spill
	out    *index.Writer
	// failed are the files that could not be read, by index path (bounded like the hard-link
	// groups): their later names are left out too.
	failed map[string]bool
}

func (fw *filesWriter) tree(ctx context.Context, t *sub) error {
	fw.ctx = ctx
	rd, err := scan.NewReader(ctx, t.root, &t.top, fw.source(t), scan.ReadOptions{})
	if err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer rd.Close()
	fw.failed = map[string]bool{}
	mb := fw.r.mailboxOf(t)
	for e := fw.plan.under(t.prefix); e != nil; e = fw.plan.under(t.prefix) {
		ie := *e
		fw.plan.pop()
		keep, err := fw.entry(&ie, t, rd)
		if err != nil {
			return err
		}
		if keep {
			if err := fw.keep(&ie, t, mb); err != nil {
				return err
			}
		}
	}
	if fw.plan.err != nil && fw.plan.err != io.EOF {
		return fmt.Errorf("backup: temporary index: %w", fw.plan.err)
	}
	return ctx.Err()
}

// keep adds ie to the index written and counts it.
func (fw *filesWriter) keep(ie *index.Entry, t *sub, mb *manifest.Mailbox) error {
	stored := fw.stored(ie)
	w := &fw.r.w
	if stored {
		w.entries++
		if ie.Type != index.File {
			fw.r.prog.entry(ie.Path, 0)
		}
	}
	if !t.mail && ie.Type == index.File {
		w.webFiles++
		w.webBytes += ie.Size
	}
	if mb != nil && (ie.Type == index.File || ie.Type == index.Ref) && index.MessageKey(relTo(ie.Path, t.prefix)) != "" {
		mb.Messages++
		if stored {
			mb.Stored++
		}
	}
	w.indexed++
	if err := fw.out.Add(ie); err != nil {
		return fmt.Errorf("backup: index: %w", err)
	}
	return nil
}

func (fw *filesWriter) stored(ie *index.Entry) bool {
	return ie.Holder == fw.r.man.Name && ie.Type != index.Ref
}

// source gives the scan.Reader the files of t to store and the folders above them. (The
// reader of the tree before may have stopped short of its end.)
func (fw *filesWriter) source(t *sub) scan.Source {
	return func() (scan.Entry, bool) {
		for e := fw.src.peek(); e != nil && index.Compare(e.Path, t.prefix) < 0; e = fw.src.peek() {
			fw.src.pop()
		}
		for e := fw.src.under(t.prefix); e != nil; e = fw.src.under(t.prefix) {
			fw.src.pop()
			if e.Type == index.Dir || e.Type == index.File && fw.stored(e) {
				return scanEntry(t, e), true
			}
		}
		return scan.Entry{}, false
	}
}

// scanEntry is the path ie of t as the walk saw it (what the reader checks again).
func scanEntry(t *sub, ie *index.Entry) scan.Entry {
	return scan.Entry{Rel: relTo(ie.Path, t.prefix), Type: ie.Type, Mode: ie.Mode, UID: ie.UID, GID: ie.GID,
		Size: ie.Size, MTime: ie.MTime, CTime: ie.CTime, Dev: t.top.Dev, Ino: ie.Ino}
}

// relTo is the index path p relative to prefix ("" for prefix itself).
func relTo(p, prefix string) string {
	return strings.TrimPrefix(strings.TrimPrefix(p, prefix), "/")
}

// entry writes ie to the archive if this backup stores it; false if it could not be read and
// is left out.
func (fw *filesWriter) entry(ie *index.Entry, t *sub, rd *scan.Reader) (bool, error) {
	if !fw.stored(ie) {
		return true, nil
	}
	h := fw.header(ie)
	switch ie.Type {
	case index.File:
		return fw.file(ie, t, h, rd)
	case index.Hardlink:
		if fw.failed[ie.Link] {
			fw.r.warn(ie.Path, scan.Vanished, fmt.Errorf("its other name %s could not be read", ie.Link))
			return false, nil
		}
	}
	if err := fw.aw.WriteHeader(h); err != nil {
		return false, fmt.Errorf("backup: %w", err)
	}
	fw.r.prog.p.Current = ie.Path
	return true, nil
}

func (fw *filesWriter) file(ie *index.Entry, t *sub, h *tar.Header, rd *scan.Reader) (bool, error) {
	c, ok := rd.Next()
	if !ok || c.Entry.Rel != relTo(ie.Path, t.prefix) {
		if err := fw.ctx.Err(); err != nil {
			return false, err
		}
		if !ok {
			return false, fmt.Errorf("backup: file reader out of step at %s", ie.Path)
		}
		return false, fmt.Errorf("backup: file reader out of step: %s, not %s", c.Entry.Rel, ie.Path)
	}
	defer c.Close()
	if c.Err != nil {
		if len(fw.failed) < maxLinkGroups {
			fw.failed[ie.Path] = true
		}
		fw.r.warn(ie.Path, scan.Code(c.Err), c.Err)
		return false, nil
	}
	// Where the entry starts: the previous entry's padding to the next 512-byte block comes
	// first. A restore of this file reads from there.
	ie.Offset = (fw.aw.Bytes() + 511) &^ 511
	if err := fw.writeHeader(h, c.Sparse); err != nil {
		return false, fmt.Errorf("backup: %w", err)
	}
	fw.r.prog.p.Current = ie.Path
	n, err := c.WriteTo(fw.r.prog.content(fw.aw))
	if err != nil {
		return false, fmt.Errorf("backup: %s: %w", ie.Path, err)
	}
	if c.Changed != nil {
		fw.r.warnings++
		fw.r.o.Warn(Warning{Path: ie.Path, Code: scan.ChangedWhile, Err: c.Changed.Error()})
	}
	fw.r.prog.entry(ie.Path, ie.Size-n)
	return true, nil
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
func (fw *filesWriter) header(ie *index.Entry) *tar.Header {
	h := &fw.hdr
	*h = tar.Header{Name: ie.Path, Mode: int64(ie.Mode), Uid: int(ie.UID), Gid: int(ie.GID),
		ModTime: time.Unix(0, ie.MTime), Uname: fw.owners.user(ie.UID), Gname: fw.owners.group(ie.GID)}
	switch ie.Type {
	case index.Dir:
		h.Typeflag, h.Name = tar.TypeDir, ie.Path+"/"
	case index.File:
		h.Typeflag, h.Size = tar.TypeReg, ie.Size
	case index.Symlink:
		h.Typeflag, h.Linkname = tar.TypeSymlink, ie.Link
	case index.Hardlink:
		h.Typeflag, h.Linkname = tar.TypeLink, ie.Link
	}
	return h
}

// mailboxOf is the record of the mailbox whose Maildir t is, or nil.
func (r *runner) mailboxOf(t *sub) *manifest.Mailbox {
	for i := range r.mailboxes {
		if t.mail && r.mailboxes[i].Path == t.prefix {
			return &r.mailboxes[i]
		}
	}
	return nil
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
