package storage

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
)

// The stage keeps the last size bytes in a ring: a rewind inside them replays the stream
// exactly, across the ring's end, then goes on with the source; older bytes are refused.
func TestStageRewindsWithinItsRing(t *testing.T) {
	data := make([]byte, 10_000)
	rand.NewChaCha8([32]byte{9}).Read(data)
	var peak int64
	st := newStage(bytes.NewReader(data), t.TempDir(), 3000, func(n int64) { peak = max(peak, n) })
	defer st.close()
	got := make([]byte, 7_321)
	if _, err := io.ReadFull(st, got); err != nil {
		t.Fatal(err)
	}
	if err := st.Rewind(7_321 - 3001); !errors.Is(err, ErrRewind) {
		t.Fatalf("rewind past the ring: %v, want ErrRewind", err)
	}
	if err := st.Rewind(7_321 + 1); !errors.Is(err, ErrRewind) {
		t.Fatalf("rewind ahead of the stream: %v, want ErrRewind", err)
	}
	from := int64(7_321 - 2_999) // the ring wrapped at 6000
	if err := st.Rewind(from); err != nil {
		t.Fatal(err)
	}
	rest, err := io.ReadAll(st)
	if err != nil || !bytes.Equal(rest, data[from:]) {
		t.Fatalf("after rewind read %d bytes, %v; want the stream from %d", len(rest), err, from)
	}
	if peak != 3000 {
		t.Fatalf("peak %d, want the ring's size", peak)
	}
}
