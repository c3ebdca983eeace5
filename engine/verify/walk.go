package verify

import (
	"archive/tar"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"coffre/engine/archive"
	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/rules"
	"coffre/engine/storage"
)

// walker reads a backup's whole archive and compares it with the index.
type walker struct {
	m     manifest.Manifest
	idx   *indexCursor
	r     *Report
	obj   string // the archive's name in problems
	files int64
	first bool // the archive started with coffre/manifest.json
	// budget refuses, as restore does, an entry larger than the manifest declares, before its
	// content is read: the walk stops there.
	budget *rules.Budget
	// dumped adds up the dump bytes of each database (databases/<domain>/<name>).
	dumped map[string]int64
}

func walk(ctx context.Context, st storage.Storage, m manifest.Manifest, r *Report) {
	ir, err := manifest.OpenIndex(ctx, st, m)
	if err != nil {
		r.add(m.Index.Name, "", err)
		return
	}
	defer ir.Close()
	w := &walker{m: m, idx: &indexCursor{ir: ir}, r: r, obj: m.Name + manifest.ArchiveSuffix,
		budget: rules.NewBudget(m)}
	ar, err := archive.NewReader(ctx, st, m.Volumes, archive.Limits{})
	if err != nil {
		r.add(w.obj, "", err)
		return
	}
	defer ar.Close()
	for i := 0; ; i++ {
		h, err := ar.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			r.add(w.obj, "", err)
			return
		}
		r.Entries++
		if err := w.budget.Take(h); err != nil {
			r.add(w.obj, h.Name, err)
			return
		}
		if err := w.entry(i, h, ar); err != nil {
			r.add(w.obj, h.Name, err)
			return
		}
	}
	w.finish()
}

// entry reads one entry to its end and checks it.
func (w *walker) entry(i int, h *tar.Header, body io.Reader) error {
	var content bytes.Buffer
	dst := io.Discard
	if h.Name == "coffre/manifest.json" {
		dst = &content
	}
	n, err := io.Copy(dst, io.LimitReader(body, max(h.Size, 0)+1))
	w.r.Bytes += n
	if err != nil {
		return err
	}
	switch {
	case h.Name == "coffre/manifest.json":
		w.embedded(i, content.Bytes())
	case strings.HasPrefix(h.Name, "config/"):
		if h.Typeflag != tar.TypeReg {
			w.r.add(w.obj, h.Name, errors.New("configuration entry that is not a file"))
		}
	case strings.HasPrefix(h.Name, "files/"), strings.HasPrefix(h.Name, "mail/"):
		w.files++
		w.file(h)
	case strings.HasPrefix(h.Name, "databases/"):
		w.dump(h)
	default:
		w.r.add(w.obj, h.Name, errors.New("unexpected entry"))
	}
	return nil
}

// embedded checks the manifest body the archive carries first.
func (w *walker) embedded(i int, b []byte) {
	var body struct{ Name string }
	if err := json.Unmarshal(b, &body); err != nil || body.Name != w.m.Name || i != 0 {
		w.r.add(w.obj, "coffre/manifest.json", fmt.Errorf("not the first entry naming backup %s", w.m.Name))
		return
	}
	w.first = true
}

// file checks a files/ entry against the index, read in step (the archive stores its paths in
// index order): the index lists it held by this backup, or, held by an older one, with exactly
// the same state. The records passed over that this backup holds are missing from the archive.
func (w *walker) file(h *tar.Header) {
	p := strings.TrimSuffix(h.Name, "/")
	w.passUntil(p)
	e := w.idx.peek()
	if e == nil || e.Path != p {
		w.r.add(w.obj, h.Name, errors.New("in the archive but not in the index, or out of order"))
		return
	}
	if diff := differs(h, *e); diff != "" {
		w.r.add(w.obj, h.Name, fmt.Errorf("the index says otherwise: %s", diff))
	}
	w.idx.pop()
}

// passUntil passes over the index records before p ("" for all), reporting those this backup
// holds.
func (w *walker) passUntil(p string) {
	for e := w.idx.peek(); e != nil && (p == "" || index.Compare(e.Path, p) < 0); e = w.idx.peek() {
		if e.Holder == w.m.Name {
			w.r.add(w.obj, e.Path, errors.New("the index says this backup holds it, the archive does not"))
		}
		w.idx.pop()
	}
}

func (w *walker) finish() {
	if !w.first {
		w.r.add(w.obj, "coffre/manifest.json", errors.New("the archive does not start with it"))
	}
	w.passUntil("")
	if w.files != w.m.Files {
		w.r.add(w.obj, "", fmt.Errorf("%d entries under files/ and mail/; the manifest says %d", w.files, w.m.Files))
	}
	w.dumpsFound()
}

var tarType = map[index.Type]byte{
	index.Dir: tar.TypeDir, index.File: tar.TypeReg, index.Symlink: tar.TypeSymlink, index.Hardlink: tar.TypeLink,
}

// differs describes how h and e disagree, or returns "".
func differs(h *tar.Header, e index.Entry) string {
	switch {
	case tarType[e.Type] != h.Typeflag:
		return fmt.Sprintf("type %q, the index %q", h.Typeflag, e.Type)
	case e.Type == index.File && h.Size != e.Size:
		return fmt.Sprintf("%d bytes, the index %d", h.Size, e.Size)
	case uint32(h.Mode)&0o7777 != e.Mode:
		return fmt.Sprintf("mode %o, the index %o", h.Mode, e.Mode)
	case h.ModTime.UnixNano() != e.MTime:
		return fmt.Sprintf("mtime %d, the index %d", h.ModTime.UnixNano(), e.MTime)
	case uint32(h.Uid) != e.UID || uint32(h.Gid) != e.GID:
		return fmt.Sprintf("owner %d:%d, the index %d:%d", h.Uid, h.Gid, e.UID, e.GID)
	case (e.Type == index.Symlink || e.Type == index.Hardlink) && h.Linkname != e.Link:
		return fmt.Sprintf("link %q, the index %q", h.Linkname, e.Link)
	}
	return ""
}
