package verify

import (
	"context"
	"io"

	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/rules"
	"coffre/engine/storage"
)

// indexData is what a first read of a backup's index found: its records and the backups it
// names. Nothing is kept per path: the archive is compared with a second read (indexCursor).
type indexData struct {
	count   int64
	holders []string
}

// readIndex reads m's index, checked against the manifest (manifest.OpenIndex).
// Each record is also checked against the rules restore applies (rules.IndexChecker); a record
// that breaks one is reported in r.
func readIndex(ctx context.Context, st storage.Storage, m manifest.Manifest, r *Report) (*indexData, error) {
	ir, err := manifest.OpenIndex(ctx, st, m)
	if err != nil {
		return nil, err
	}
	defer ir.Close()
	idx := &indexData{}
	chk := rules.NewIndexChecker()
	for {
		e, err := ir.Next()
		if err == io.EOF {
			idx.holders = ir.Holders()
			return idx, nil
		}
		if err != nil {
			return nil, err
		}
		if err := chk.Check(e); err != nil {
			r.add(m.Index.Name, e.Path, err)
		}
		idx.count++
	}
}

// indexCursor reads the index again, in step with the archive (both in index order).
type indexCursor struct {
	ir   *manifest.IndexReader
	next *index.Entry
	done bool
}

// peek returns the next record, or nil at the end (an error was reported by readIndex).
func (c *indexCursor) peek() *index.Entry {
	if c.next == nil && !c.done {
		e, err := c.ir.Next()
		if err != nil {
			c.done = true
			return nil
		}
		c.next = &e
	}
	return c.next
}

func (c *indexCursor) pop() { c.next = nil }
