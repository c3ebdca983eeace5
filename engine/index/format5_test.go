package index

import (
	"bytes"
	"math"
	"slices"
	"testing"
)

// TestFormat5Deltas: times and inodes written as differences from the record before come
// back exact, over the whole range of their types (a difference that overflows wraps back);
// neighbours made together take a few bytes where format 4 took their full width.
func TestFormat5Deltas(t *testing.T) {
	es := []Entry{
		{Path: "files/a", Type: Dir, MTime: math.MinInt64, CTime: math.MaxInt64, Ino: math.MaxUint64, Holder: "b"},
		{Path: "files/a/b", Type: File, MTime: math.MaxInt64, CTime: math.MinInt64, Ino: 0, Holder: "b"},
		{Path: "files/a/c", Type: File, MTime: -1, CTime: 1, Ino: 1 << 63, Holder: "b"},
		{Path: "files/a/d", Type: File, MTime: 0, CTime: 0, Ino: 5, Holder: "b"},
	}
	for i := 0; i < 100; i++ {
		es = append(es, Entry{Path: "files/a/e" + string(rune('a'+i/26)) + string(rune('a'+i%26)), Type: File,
			MTime: 1_700_000_000_000_000_000 + int64(i)*1000, CTime: 1_750_000_000_000_000_000 + int64(i)*1000,
			Ino: 123456789 + uint64(i), Holder: "b"})
	}
	size := func(v uint64) int {
		var b bytes.Buffer
		w, _ := newWriter(&b, "b", v)
		for i := range es {
			must(t, w.Add(&es[i]))
		}
		must(t, w.Close())
		_, got, err := ReadAll(bytes.NewReader(b.Bytes()))
		if err != nil || !slices.Equal(got, es) {
			t.Fatalf("format %d: %v\n%+v", v, err, got)
		}
		n, _, _ := decodeRaw(b.Bytes())
		return n
	}
	if v4, v5 := size(4), size(5); v5 > v4-100*15 {
		t.Errorf("format 5 takes %d bytes, format 4 %d", v5, v4)
	}
}
