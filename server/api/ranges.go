package api

import (
	"context"
	"errors"
	"fmt"
	"io"

	"coffre/server/jobs"
)

// partsReader reads the parts of a download end to end as one seekable stream, for
// http.ServeContent: a Seek only moves the offset; the part that holds it is opened at the
// first Read after, from that offset, so that a range request reads only its bytes.
type partsReader struct {
	ctx  context.Context
	d    *jobs.Download
	off  int64
	cur  io.ReadCloser
	part int   // index of cur's part
	end  int64 // offset where cur's part ends
}

func newPartsReader(ctx context.Context, d *jobs.Download) *partsReader {
	return &partsReader{ctx: ctx, d: d, part: -1}
}

func (p *partsReader) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekCurrent:
		offset += p.off
	case io.SeekEnd:
		offset += p.d.Size
	}
	if offset < 0 {
		return 0, errors.New("seek before the start")
	}
	if offset != p.off {
		p.closeCur()
	}
	p.off = offset
	return offset, nil
}

func (p *partsReader) Read(b []byte) (int, error) {
	if p.off >= p.d.Size {
		return 0, io.EOF
	}
	if p.cur == nil {
		if err := p.open(); err != nil {
			return 0, err
		}
	}
	n, err := p.cur.Read(b[:min(int64(len(b)), p.end-p.off)])
	p.off += int64(n)
	if p.off == p.end {
		p.closeCur()
		return n, nil
	}
	if err == io.EOF {
		return n, fmt.Errorf("read %s: %w", p.d.Parts[p.part].Name, io.ErrUnexpectedEOF)
	}
	return n, err
}

// open opens the part that holds the current offset, at that offset.
func (p *partsReader) open() error {
	var start int64
	for i, in := range p.d.Parts {
		if p.off < start+in.Size {
			rc, err := p.d.OpenAt(p.ctx, in.Name, p.off-start)
			if err != nil {
				return err
			}
			p.cur, p.part, p.end = rc, i, start+in.Size
			return nil
		}
		start += in.Size
	}
	return io.EOF
}

func (p *partsReader) closeCur() {
	if p.cur != nil {
		p.cur.Close()
		p.cur = nil
	}
}

// Close closes the part being read.
func (p *partsReader) Close() error {
	p.closeCur()
	return nil
}
