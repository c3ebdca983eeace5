package protect

import (
	"context"
	"fmt"
	"io"
	"sync"

	"filippo.io/age"

	"coffre/engine/manifest"
	"coffre/engine/storage"
)

// OpenAt implements storage.RangeOpener: an encrypted index or archive is read from plain
// offset off, decrypting only the age chunks from there on (the pieces read from the chunk that
// holds off, through the storage's own OpenAt); other objects as the storage reads them.
func (s *Store) OpenAt(ctx context.Context, name string, off int64) (io.ReadCloser, error) {
	objs := s.objects(name)
	if len(objs) == 0 {
		return storage.OpenAt(ctx, s.Storage, name, off)
	}
	src := &piecesAt{ctx: ctx, st: s.Storage, objs: objs}
	var total int64
	for _, o := range objs {
		total += o.Size
	}
	r, size, err := age.DecryptReaderAt(src, total, identity{k: s.key, name: objs[0].Name})
	if err != nil {
		src.Close()
		return nil, fmt.Errorf("decrypt %s: %w", objs[0].Name, wrongPassword(err))
	}
	if off > size {
		src.Close()
		return nil, fmt.Errorf("open %s at %d: past its %d bytes", name, off, size)
	}
	return struct {
		io.Reader
		io.Closer
	}{io.NewSectionReader(r, off, size-off), src}, nil
}

// piecesAt reads stored pieces as one ReaderAt, keeping one piece open for reads that follow
// each other (age decrypts chunk after chunk).
type piecesAt struct {
	ctx  context.Context
	st   storage.Storage
	objs []manifest.Object

	mu  sync.Mutex
	cur io.ReadCloser
	at  int64 // the offset, in the whole, that cur reads next
	end int64 // where cur's piece ends
}

func (p *piecesAt) ReadAt(b []byte, off int64) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	n := 0
	for n < len(b) {
		if p.cur == nil || p.at != off+int64(n) || p.at >= p.end {
			if err := p.open(off + int64(n)); err != nil {
				return n, err
			}
		}
		k, err := p.cur.Read(b[n:min(len(b), n+int(p.end-p.at))])
		n += k
		p.at += int64(k)
		if err == io.EOF && p.at < p.end {
			err = io.ErrUnexpectedEOF
		}
		if err != nil && err != io.EOF {
			return n, err
		}
	}
	return n, nil
}

// open opens the piece that holds whole offset off, from there.
func (p *piecesAt) open(off int64) error {
	p.Close()
	start := int64(0)
	for _, o := range p.objs {
		if off < start+o.Size {
			rc, err := storage.OpenAt(p.ctx, p.st, o.Name, off-start)
			if err != nil {
				return err
			}
			p.cur, p.at, p.end = rc, off, start+o.Size
			return nil
		}
		start += o.Size
	}
	return io.EOF
}

func (p *piecesAt) Close() error {
	if p.cur != nil {
		err := p.cur.Close()
		p.cur = nil
		return err
	}
	return nil
}
