package restore

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"

	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/rules"
	"coffre/engine/storage"
)

// ErrIndex is wrapped by errors about an index that does not match its manifest or archive.
var ErrIndex = errors.New("index does not match")

// plan is what a restore reads, found by a first read of the index (survey): for each backup
// of the chain, how many selected files it holds and the other content wanted from it. The
// selected entries themselves are never held: each step of the restore reads the index again
// as a stream (entries), in the order the archives hold their content.
type plan struct {
	holders map[string]*holding
	files   int64 // paths that get content
	bytes   int64
}

// holding is what a restore takes from one backup's archive: files (index.File entries held
// there, read in step with the archive) and wants, the content that hard links and Maildir
// references (index.Hardlink, index.Ref) take from another path of that archive. Only those
// are kept in memory, by the path that holds their content.
type holding struct {
	files   int64
	wants   map[string]*want
	offsets bool // every entry wanted from it has its offset (index format 3 on)
}

// want is an archive entry whose content is written to dests (archive paths): the first gets
// the content, the others are hard links to it.
type want struct {
	e     index.Entry
	dests []string
	found bool
}

// survey reads backup m's index, checked against its manifest (manifest.OpenIndex) and
// record by record against the format's rules (rules.IndexChecker, all records, selected or
// not), and plans what the selected entries need. An index that does not match its manifest
// is an ErrIndex.
func (r *run) survey(ctx context.Context) error {
	r.p = &plan{holders: map[string]*holding{}}
	chk := rules.NewIndexChecker()
	m := r.c.target()
	return eachEntry(ctx, r.o.Storage, m, func(e *index.Entry) error {
		if err := chk.Check(*e); err != nil {
			return fmt.Errorf("index of %s: %w", m.Name, err)
		}
		switch {
		case !r.sel.match(e.Path):
		case r.liveHolds(e):
			r.kept++
		default:
			r.p.add(e, r.sel)
		}
		return nil
	})
}

func (p *plan) add(e *index.Entry, sel *selection) {
	if e.Type != index.File && e.Type != index.Hardlink && e.Type != index.Ref {
		return
	}
	h := p.holders[e.Holder]
	if h == nil {
		h = &holding{wants: map[string]*want{}, offsets: true}
		p.holders[e.Holder] = h
	}
	p.files++
	h.offsets = h.offsets && e.Offset > 0
	if e.Type == index.File {
		h.files++
		p.bytes += e.Size
		return
	}
	w := h.wants[e.Link]
	if w == nil {
		w = &want{e: *e}
		w.e.Offset = 0 // known only for the file's own entry
		h.wants[e.Link] = w
		if !sel.selects(e.Link) {
			p.bytes += e.Size
		}
	}
	w.dests = append(w.dests, e.Path)
	h.offsets = false
}

// eachEntry reads backup m's index as a stream, checked against its manifest, and gives fn
// each entry (valid until fn returns).
func eachEntry(ctx context.Context, st storage.Storage, m manifest.Manifest, fn func(*index.Entry) error) error {
	ir, err := manifest.OpenIndex(ctx, st, m)
	if err != nil {
		return indexError(err)
	}
	defer ir.Close()
	for {
		e, err := ir.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return indexError(err)
		}
		if err := fn(&e); err != nil {
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
	}
}

// each gives fn the selected entries of the target's index, in index order.
func (r *run) each(ctx context.Context, fn func(*index.Entry) error) error {
	return eachEntry(ctx, r.o.Storage, r.c.target(), func(e *index.Entry) error {
		if !r.selected(e) {
			return nil
		}
		return fn(e)
	})
}

// selected reports whether e is restored: selected by the request, and not mail that the
// destination Maildir already holds (counted in r.kept once, by the survey).
func (r *run) selected(e *index.Entry) bool {
	if !r.sel.match(e.Path) {
		return false
	}
	return !r.liveHolds(e)
}

// indexError marks an index whose content is not what its manifest says with ErrIndex.
func indexError(err error) error {
	if errors.Is(err, index.ErrCorrupt) {
		return fmt.Errorf("%w: %w", ErrIndex, err)
	}
	return err
}

// holderNames returns the backups the plan reads, in the chain's order.
func (p *plan) holderNames(c *chain) []string {
	var out []string
	for _, n := range c.names() {
		if _, ok := p.holders[n]; ok {
			out = append(out, n)
		}
	}
	return out
}

// allHolders returns every backup named as a holder by the selected entries.
func (p *plan) allHolders() []string {
	var out []string
	for h := range p.holders {
		out = append(out, h)
	}
	sort.Strings(out)
	return out
}

// cursor finds entries of an index read as a stream, asked for in index order.
type cursor struct {
	ir   *manifest.IndexReader
	next *index.Entry
	err  error
}

func (r *run) openCursor(ctx context.Context) (*cursor, error) {
	ir, err := manifest.OpenIndex(ctx, r.o.Storage, r.c.target())
	if err != nil {
		return nil, indexError(err)
	}
	return &cursor{ir: ir}, nil
}

func (c *cursor) peek() *index.Entry {
	if c.next == nil && c.err == nil {
		e, err := c.ir.Next()
		if err != nil {
			c.err = err
			return nil
		}
		c.next = &e
	}
	return c.next
}

// lookup returns the entry of path, passing over those before it.
func (c *cursor) lookup(path string) (index.Entry, bool) {
	for e := c.peek(); e != nil; e = c.peek() {
		switch cmp := index.Compare(e.Path, path); {
		case cmp == 0:
			return *e, true
		case cmp > 0:
			return index.Entry{}, false
		}
		c.next = nil
	}
	return index.Entry{}, false
}

// error is the index's error, if it failed (not at its end).
func (c *cursor) error() error {
	if c.err == nil || c.err == io.EOF {
		return nil
	}
	return indexError(c.err)
}

func (c *cursor) close() { c.ir.Close() }
