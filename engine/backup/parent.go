package backup

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/spec"
)

// findParent returns the newest complete backup of the same client, scope and storage, with an
// intact chain and files, signed by this host, or nil: the new backup is then the first of a
// chain (full). A manifest that this host did not sign (planted in a client's FTP folder, or
// another host's) never becomes a parent.
func findParent(c *catalog, sp spec.Backup, protected bool) *manifest.Manifest {
	var best *manifest.Manifest
	for n, m := range c.parsed {
		if m.Client != sp.Client || m.Spec.Scope != sp.Scope || m.Spec.Storage != sp.Storage ||
			m.Spec.ConfigOnly || len(c.missing(n)) > 0 || c.signed[n].Signer != manifest.SignedByHost ||
			(m.Protection != nil) != protected {
			continue
		}
		if best == nil || m.Created.After(best.Created) || m.Created.Equal(best.Created) && n > best.Name {
			best = m
		}
	}
	return best
}

// errParent wraps a failure to read the parent's index: the backup then starts a new chain.
var errParent = errors.New("parent index unusable")

// cursor reads the parent's index as a stream, alongside the walk (both in index order):
// memory does not grow with the number of paths. A nil cursor has no entries.
type cursor struct {
	ir   *manifest.IndexReader
	buf  []index.Entry // read ahead: buf[head:] come next
	head int
	eof  bool
	err  error
}

// openParent opens the parent's index, checked against its manifest as it is read.
func openParent(ctx context.Context, r *runner) (*cursor, error) {
	ir, err := manifest.OpenIndex(ctx, r.st, *r.parent)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", errParent, err)
	}
	return &cursor{ir: ir}, nil
}

// more reads one entry into buf; false at the end or on an error (c.err).
func (c *cursor) more() bool {
	if c == nil || c.eof || c.err != nil {
		return false
	}
	e, err := c.ir.Next()
	if err == io.EOF {
		c.eof = true
		return false
	}
	if err != nil {
		c.err = fmt.Errorf("%w: %w", errParent, err)
		return false
	}
	if c.head == len(c.buf) {
		c.buf, c.head = c.buf[:0], 0
	}
	c.buf = append(c.buf, e)
	return true
}

func (c *cursor) peek() *index.Entry {
	if c == nil || c.head == len(c.buf) && !c.more() {
		return nil
	}
	return &c.buf[c.head]
}

// find returns the parent's entry of path, passing over those before it; paths must be asked
// for in index order. The entry is valid until the next call.
func (c *cursor) find(path string) *index.Entry {
	for e := c.peek(); e != nil; e = c.peek() {
		switch cmp := index.Compare(e.Path, path); {
		case cmp == 0:
			return e
		case cmp > 0:
			return nil
		}
		c.head++
	}
	return nil
}

// finish reads the rest of the index, so that its checksum and its manifest's are checked:
// the plan made against it is kept only then.
func (c *cursor) finish() error {
	for c != nil {
		c.head = len(c.buf)
		if !c.more() {
			return c.error()
		}
	}
	return nil
}

func (c *cursor) error() error {
	if c == nil {
		return nil
	}
	return c.err
}

func (c *cursor) close() {
	if c != nil {
		c.ir.Close()
	}
}

// maxMailboxMessages bounds the parent's messages of one mailbox kept in memory to find the
// renamed ones (about 150 bytes each): a larger mailbox's later messages, renamed, are stored
// again rather than referred to.
const maxMailboxMessages = 200_000

// mailbox reads ahead the parent's entries of the mailbox whose index path is prefix and
// returns its messages by unique name (index.MessageKey).
func (c *cursor) mailbox(prefix string) map[string]index.Entry {
	if c == nil {
		return nil
	}
	c.find(prefix)
	for n := len(c.buf) - c.head; n < maxMailboxMessages && c.more(); n++ {
		if !isUnder(c.buf[len(c.buf)-1].Path, prefix) {
			break
		}
	}
	m := map[string]index.Entry{}
	for _, e := range c.buf[c.head:] {
		if e.Type != index.File && e.Type != index.Ref || !isUnder(e.Path, prefix) {
			continue
		}
		if key := index.MessageKey(strings.TrimPrefix(e.Path, prefix+"/")); key != "" {
			m[key] = e
		}
	}
	return m
}
