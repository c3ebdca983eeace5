package index

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

func framesSample() []Frame {
	fs := []Frame{{Raw: 0, Comp: 0}, {Raw: 2 << 20, Comp: 700_000}, {Raw: 4 << 20, Comp: 1_900_000}, {Raw: 5 << 20, Comp: 2_000_000}}
	fs[0].Sum[0], fs[1].Sum[31], fs[2].Sum[7] = 1, 2, 3
	return fs
}

func encodeFramed(t testing.TB, entries []Entry, fs []Frame) []byte {
	var b bytes.Buffer
	w, err := NewWriter(&b, "b3")
	if err != nil {
		t.Fatal(err)
	}
	for i := range entries {
		if err := w.Add(&entries[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.SetFrames(fs); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestFormat3KeepsOffsetsAndFrames: each file's offset in its holder's archive and the frame
// table of the backup's own archive come back as written; formats 1 and 2 read with no offsets.
func TestFormat3KeepsOffsetsAndFrames(t *testing.T) {
	entries := []Entry{
		{Path: "files/example.com", Type: Dir, Mode: 0o755, Holder: "b1"},
		{Path: "files/example.com/a", Type: File, Mode: 0o644, Size: 3, Holder: "b1", Offset: 1536},
		{Path: "files/example.com/b", Type: File, Mode: 0o644, Size: 9, Holder: "b3", Offset: 5<<20 - 512},
	}
	r, err := NewReader(bytes.NewReader(encodeFramed(t, entries, framesSample())))
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for i := range entries {
		e, err := r.Next()
		if err != nil || e != entries[i] {
			t.Fatalf("entry %d: %+v %v, want %+v", i, e, err, entries[i])
		}
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("end: %v", err)
	}
	got, want := r.Frames(), framesSample()
	if len(got) != len(want) {
		t.Fatalf("frames: %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("frame %d: %+v, want %+v", i, got[i], want[i])
		}
	}
	for v := uint64(1); v <= 2; v++ {
		var old bytes.Buffer
		w, _ := newWriter(&old, "b1", v)
		for i := range entries {
			w.Add(&entries[i])
		}
		if err := w.SetFrames(framesSample()); err == nil {
			t.Errorf("format %d took a frame table", v)
		}
		w.Close()
		_, got, err := ReadAll(&old)
		if err != nil || len(got) != 3 || got[1].Offset != 0 || got[1].Size != 3 {
			t.Errorf("format %d: %+v %v", v, got, err)
		}
	}
}

// TestFormat3RefusesABadFrameTable: a table out of order is refused by the writer; a reader
// refuses a second table, or anything but the end after it.
func TestFormat3RefusesABadFrameTable(t *testing.T) {
	w, _ := NewWriter(&bytes.Buffer{}, "b3")
	if err := w.SetFrames([]Frame{{Raw: 10, Comp: 5}, {Raw: 9, Comp: 6}}); err == nil {
		t.Error("a table going back was taken")
	}
	var raw []byte
	raw = append(raw, magic...)
	raw = append(raw, 3, 2, 'b', '3')
	raw = append(raw, tagFrames, 0, tagFrames, 0, tagEnd, 0)
	_, _, err := ReadAll(bytes.NewReader(recompress(raw)))
	if !errors.Is(err, ErrCorrupt) {
		t.Errorf("two tables: %v", err)
	}
}
