package corpus

import (
	"bufio"
	"encoding/binary"
	"io"
	"math/rand/v2"
	"strings"
)

// streams returns the two random streams of entry e under seed: r drives structure, raw
// supplies incompressible bytes.
func streams(e entry, seed int64) (*rand.Rand, *rand.ChaCha8) {
	var key [32]byte
	binary.LittleEndian.PutUint64(key[:], uint64(seed))
	binary.LittleEndian.PutUint64(key[8:], e.seed)
	return rand.New(rand.NewPCG(uint64(seed), e.seed)), rand.NewChaCha8(key)
}

// writeContent writes the e.size bytes of e to w.
func writeContent(w *bufio.Writer, e entry, seed int64) error {
	r, raw := streams(e, seed)
	switch e.kind {
	case kindText:
		return fill(w, e.size, newTextGen(e.path, r).next)
	case kindAccess, kindError, kindAppLog:
		return fill(w, e.size, newLogGen(e, r).next)
	case kindMail:
		return fill(w, e.size, newMailGen(e, r, raw).next)
	}
	return writeBinary(w, e, raw)
}

// fill writes exactly size bytes of the lines that next appends.
func fill(w io.Writer, size int64, next func([]byte) []byte) error {
	buf := make([]byte, 0, 96<<10)
	for size > 0 {
		buf = buf[:0]
		for len(buf) < 64<<10 && int64(len(buf)) < size {
			buf = next(buf)
		}
		n := min(int64(len(buf)), size)
		if _, err := w.Write(buf[:n]); err != nil {
			return err
		}
		size -= n
	}
	return nil
}

// Magic numbers, so that tools that sniff content see real formats.
var (
	jpegHead = []byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00")
	pngHead  = []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x04\x00\x00\x00\x03\x00\x08\x02\x00\x00\x00")
	gzipHead = []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03")
	zipHead  = []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00")
)

// writeBinary writes a header for e's format, then random bytes up to e.size.
func writeBinary(w *bufio.Writer, e entry, raw *rand.ChaCha8) error {
	head := zipHead
	switch {
	case e.kind == kindGzip:
		head = gzipHead
	case e.kind == kindImage && strings.HasSuffix(e.path, ".png"):
		head = pngHead
	case e.kind == kindImage:
		head = jpegHead
	}
	head = head[:min(int64(len(head)), e.size)]
	if _, err := w.Write(head); err != nil {
		return err
	}
	_, err := io.CopyN(w, raw, e.size-int64(len(head)))
	return err
}
