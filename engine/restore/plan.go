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

// plan is what a restore writes: the selected index entries, and for each backup of the chain
// the archive entries whose content it needs.
type plan struct {
	entries []index.Entry               // selected, in index order
	holders map[string]map[string]*want // backup -> archive path -> content wanted from it
	files   int64                       // paths that get content
	bytes   int64
}

// want is an archive entry whose content is written to dests (archive paths): the first gets
// the content, the others are hard links to it.
type want struct {
	e     index.Entry
	dests []string
	found bool
}

// readIndex reads backup m's index, checked against its manifest (manifest.OpenIndex) and
// record by record against the format's rules (rules.IndexChecker, all records, selected or
// not), and keeps the entries sel selects. An index that does not match its manifest is an ErrIndex.
func readIndex(ctx context.Context, st storage.Storage, m manifest.Manifest, sel *selection) ([]index.Entry, error) {
	ir, err := manifest.OpenIndex(ctx, st, m)
	if err != nil {
		return nil, indexError(err)
	}
	defer ir.Close()
	var out []index.Entry
	chk := rules.NewIndexChecker()
	for {
		e, err := ir.Next()
		if err == io.EOF {
			return out, nil
		}
		if err != nil {
			return nil, indexError(err)
		}
		if err := chk.Check(e); err != nil {
			return nil, fmt.Errorf("index of %s: %w", m.Name, err)
		}
		if sel.match(e.Path) {
			out = append(out, e)
		}
	}
}

// indexError marks an index whose content is not what its manifest says with ErrIndex.
func indexError(err error) error {
	if errors.Is(err, index.ErrCorrupt) {
		return fmt.Errorf("%w: %w", ErrIndex, err)
	}
	return err
}

// newPlan groups the entries that need content by the backup that holds it. A hard link goes
// with the file whose content it shares, even when that file is not selected itself.
func newPlan(entries []index.Entry) *plan {
	p := &plan{entries: entries, holders: map[string]map[string]*want{}}
	for _, e := range entries {
		src := e.Path
		switch e.Type {
		case index.File:
		case index.Hardlink, index.Ref:
			src = e.Link // a Ref's content is in its holder's archive under Link
		default:
			continue
		}
		w := p.want(e, src)
		w.dests = append(w.dests, e.Path)
		p.files++
		if len(w.dests) == 1 {
			p.bytes += e.Size
		}
	}
	return p
}

func (p *plan) want(e index.Entry, src string) *want {
	m := p.holders[e.Holder]
	if m == nil {
		m = map[string]*want{}
		p.holders[e.Holder] = m
	}
	w := m[src]
	if w == nil {
		w = &want{e: e}
		m[src] = w
	}
	return w
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
	seen := map[string]bool{}
	var out []string
	for _, e := range p.entries {
		if !seen[e.Holder] {
			seen[e.Holder] = true
			out = append(out, e.Holder)
		}
	}
	sort.Strings(out)
	return out
}

// lookup finds the selected entry of archive path path.
func (p *plan) lookup(path string) (index.Entry, bool) {
	i := sort.Search(len(p.entries), func(i int) bool { return index.Compare(p.entries[i].Path, path) >= 0 })
	if i < len(p.entries) && p.entries[i].Path == path {
		return p.entries[i], true
	}
	return index.Entry{}, false
}
