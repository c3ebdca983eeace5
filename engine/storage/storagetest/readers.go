package storagetest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
)

// newPattern streams size deterministic pseudo-random bytes, without holding them in memory.
func newPattern(size int, seed int64) io.Reader {
	return io.LimitReader(&patternReader{rng: rand.NewChaCha8(seedBytes(seed))}, int64(size))
}

func seedBytes(seed int64) [32]byte {
	var s [32]byte
	for i := range 8 {
		s[i] = byte(seed >> (8 * i))
	}
	return s
}

type patternReader struct{ rng *rand.ChaCha8 }

func (p *patternReader) Read(b []byte) (int, error) { return p.rng.Read(b) }

// sameStream compares two streams chunk by chunk and says where they differ.
func sameStream(got, want io.Reader) error {
	a, b := make([]byte, 64<<10), make([]byte, 64<<10)
	var off int64
	for {
		n, errA := io.ReadFull(got, a)
		m, errB := io.ReadFull(want, b)
		if n != m || !bytes.Equal(a[:n], b[:m]) {
			return fmt.Errorf("differs in the 64 KiB from offset %d (read %d, want %d)", off, n, m)
		}
		off += int64(n)
		if errA != nil || errB != nil {
			if (errA == nil) != (errB == nil) {
				return fmt.Errorf("at offset %d: got %v, want %v", off, errA, errB)
			}
			return nil
		}
	}
}

// touchReader records whether anything read it.
type touchReader struct{ touched bool }

func (r *touchReader) Read(p []byte) (int, error) {
	r.touched = true
	return 0, io.EOF
}

// errReader fails every read with err.
type errReader struct{ err error }

func (r *errReader) Read(p []byte) (int, error) { return 0, r.err }

// cancelReader cancels a context when first read, and returns no bytes.
type cancelReader struct{ cancel context.CancelFunc }

func (r *cancelReader) Read(p []byte) (int, error) {
	r.cancel()
	return 0, io.EOF
}

// countReader counts the bytes read from r.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
