package dump

import (
	"bufio"
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"io"
)

// A dump holds what a client put in its database, and a backup may come from another host:
// psql must never run a backslash command of a dump (\! runs a shell, \o and \copy write
// files, \connect reaches another database, all as Coffre's user). psql's restricted mode
// forbids every one of them but "\unrestrict KEY": pgRestricted turns it on before the dump's
// first byte with a key nobody else knows, and leaves it on to the end. The dump's own
// "\restrict KEY" line (pg_dump writes one at its top) is dropped, as is the matching
// "\unrestrict KEY" wherever it stands alone on a line.

// pgRestricted is what psql reads to load the dump r.
func pgRestricted(r io.Reader) (io.Reader, error) {
	k := make([]byte, 24)
	if _, err := rand.Read(k); err != nil {
		return nil, err
	}
	return &restricted{br: bufio.NewReaderSize(r, 64<<10), out: []byte(`\restrict ` + hex.EncodeToString(k) + "\n"),
		start: true, head: true}, nil
}

type restricted struct {
	br    *bufio.Reader
	out   []byte // bytes ready for the caller
	skip  []byte // the dump's "\unrestrict KEY" line
	start bool   // at the start of a line
	head  bool   // among the dump's leading comments
}

func (r *restricted) Read(p []byte) (int, error) {
	for len(r.out) == 0 {
		if err := r.fill(); err != nil {
			return 0, err
		}
	}
	n := copy(p, r.out)
	r.out = r.out[n:]
	return n, nil
}

// fill reads the next piece of a line into out, dropping the dump's own (un)restrict lines.
func (r *restricted) fill() error {
	if r.start {
		if line := r.peekLine(); line != nil {
			t := bytes.TrimRight(line, "\r\n")
			switch {
			case r.head && bytes.HasPrefix(t, []byte(`\restrict `)):
				r.skip = append([]byte(`\unrestrict `), bytes.TrimSpace(t[len(`\restrict `):])...)
				r.head = false
				_, err := r.br.Discard(len(line))
				return err
			case r.skip != nil && bytes.Equal(t, r.skip):
				_, err := r.br.Discard(len(line))
				return err
			case len(t) > 0 && !bytes.HasPrefix(t, []byte("--")):
				r.head = false
			}
		} else {
			r.head = false
		}
	}
	chunk, err := r.br.ReadSlice('\n')
	r.out = append(r.out[:0], chunk...)
	r.start = err == nil
	if err == bufio.ErrBufferFull || err == io.EOF && len(chunk) > 0 {
		err = nil
	}
	return err
}

// peekLine is the next line with its end, if it is short; nil otherwise.
func (r *restricted) peekLine() []byte {
	b, err := r.br.Peek(512)
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i+1]
	}
	if err == io.EOF && len(b) > 0 {
		return b
	}
	return nil
}
