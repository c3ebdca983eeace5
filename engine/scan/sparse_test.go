package scan

import (
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

func TestDataSegments(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "sparse")
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.Truncate(64 << 20)
	for _, off := range []int64{0, 20 << 20, 64<<20 - 3} {
		f.WriteAt([]byte("abc"), off)
	}
	segs, ok := dataSegments(int(f.Fd()), 64<<20)
	if !ok || len(segs) != 3 || segs[0].Offset != 0 || segs[1].Offset > 20<<20 || segs[2].Offset+segs[2].Length != 64<<20 {
		t.Fatalf("dataSegments = %v, %v", segs, ok)
	}
	if n := DataBytes(segs); n > 1<<20 {
		t.Errorf("%d bytes of data for 9 written", n)
	}
	holes := filepath.Join(dir, "holes")
	os.WriteFile(holes, nil, 0o600)
	os.Truncate(holes, 8<<20)
	hfd, err := unix.Open(holes, unix.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(hfd)
	if segs, ok := dataSegments(hfd, 8<<20); !ok || segs == nil || len(segs) != 0 {
		t.Errorf("a file of holes only: %v, %v; want no segment, and sparse", segs, ok)
	}
	dense := filepath.Join(dir, "dense")
	os.WriteFile(dense, make([]byte, 1<<20), 0o600)
	fd, err := unix.Open(dense, unix.O_RDONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	if segs, ok := dataSegments(fd, 1<<20); ok {
		t.Errorf("a file without holes: %v", segs)
	}
}

// Too many segments are merged across the smallest holes: every byte of data stays covered.
func TestCoalesce(t *testing.T) {
	var segs []Segment
	for i := range int64(3 * maxSegments) {
		gap := int64(4096)
		if i%3 == 0 {
			gap = 1 << 20
		}
		off := int64(0)
		if len(segs) > 0 {
			off = segs[len(segs)-1].Offset + segs[len(segs)-1].Length + gap
		}
		segs = append(segs, Segment{off, 100})
	}
	in := append([]Segment(nil), segs...)
	out := coalesce(segs)
	if len(out) > maxSegments {
		t.Fatalf("%d segments", len(out))
	}
	j := 0
	for _, s := range in {
		for j < len(out) && out[j].Offset+out[j].Length < s.Offset+s.Length {
			j++
		}
		if j == len(out) || out[j].Offset > s.Offset {
			t.Fatalf("segment %v not covered", s)
		}
	}
}
