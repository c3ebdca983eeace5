package index

import (
	"bytes"
	"io"
	"testing"
)

// TestFormat4KeepsCTimeAndInode: each record's ctime and inode come back as written; an index
// written in format 3 reads with neither, and SameInode then compares nothing.
func TestFormat4KeepsCTimeAndInode(t *testing.T) {
	es := []Entry{
		{Path: "files/a.example", Type: Dir, Mode: 0o755, Holder: "b1", CTime: 1, Ino: 2},
		{Path: "files/a.example/a", Type: File, Mode: 0o644, Size: 3, Holder: "b1", Offset: 1536,
			CTime: 1_700_000_000_123_456_789, Ino: 1<<64 - 1},
		{Path: "files/a.example/b", Type: Symlink, Mode: 0o777, Link: "a", Holder: "b1", CTime: -5, Ino: 7},
	}
	for _, v := range []uint64{3, 4, 5} {
		var b bytes.Buffer
		w, _ := newWriter(&b, "b1", v)
		for i := range es {
			if err := w.Add(&es[i]); err != nil {
				t.Fatal(err)
			}
		}
		w.Close()
		r, err := NewReader(&b)
		if err != nil {
			t.Fatal(err)
		}
		for i := range es {
			want := es[i]
			if v < 4 {
				want.CTime, want.Ino = 0, 0
			}
			if e, err := r.Next(); err != nil || e != want {
				t.Errorf("format %d entry %d: %+v %v, want %+v", v, i, e, err, want)
			}
		}
		if _, err := r.Next(); err != io.EOF {
			t.Errorf("format %d end: %v", v, err)
		}
		r.Close()
	}
}

func TestSameInode(t *testing.T) {
	a := Entry{CTime: 10, Ino: 5}
	for _, c := range []struct {
		b    Entry
		same bool
	}{
		{Entry{CTime: 10, Ino: 5}, true},
		{Entry{CTime: 11, Ino: 5}, false},
		{Entry{CTime: 10, Ino: 6}, false},
		{Entry{}, true}, // an index of format 3 or older
	} {
		if got := SameInode(&a, &c.b); got != c.same {
			t.Errorf("SameInode(%+v, %+v) = %v", a, c.b, got)
		}
	}
}
