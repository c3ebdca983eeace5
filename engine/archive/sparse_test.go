package archive

import (
	"archive/tar"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

// A sparse entry is read back by archive/tar under its real name and size, with its data where
// it was and zeros elsewhere; the entry after it is intact. (GNU tar's reading is checked in
// engine/roundtrip.)
func TestSparseEntry(t *testing.T) {
	const size = 3 << 20
	for _, tt := range []struct {
		name string
		data []Segment
	}{
		{"files/a.example/disk.img", []Segment{{0, 10}, {1 << 20, 4096}, {2 << 20, 5}}},
		{"files/a.example/ends-with-data", []Segment{{size - 4096, 4096}}},
		{"files/a.example/all-holes", nil},
		{"files/a.example/" + strings.Repeat("é", 80) + "/long name", []Segment{{7, 1}}},
	} {
		var buf bytes.Buffer
		tw := &tarWriter{w: &buf}
		h := &tar.Header{Name: tt.name, Typeflag: tar.TypeReg, Mode: 0o640, Size: size, ModTime: time.Unix(1700000000, 5)}
		if err := tw.WriteSparseHeader(h, tt.data); err != nil {
			t.Fatal(err)
		}
		want := make([]byte, size)
		for i, s := range tt.data {
			for j := range s.Length {
				want[s.Offset+j] = byte(i + 1)
			}
			if _, err := tw.Write(want[s.Offset : s.Offset+s.Length]); err != nil {
				t.Fatal(err)
			}
		}
		if err := tw.WriteHeader(&tar.Header{Name: "after", Typeflag: tar.TypeReg, Size: 3}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte("end"))
		if err := tw.Close(); err != nil {
			t.Fatal(err)
		}
		if buf.Len() > 64<<10 {
			t.Errorf("%s: %d bytes of tar for %d of data", tt.name, buf.Len(), 4096)
		}
		tr := tar.NewReader(&buf)
		got, err := tr.Next()
		if err != nil || got.Name != tt.name || got.Size != size || got.Mode != 0o640 || !got.ModTime.Equal(h.ModTime) {
			t.Fatalf("%s: read %+v, %v", tt.name, got, err)
		}
		body, err := io.ReadAll(tr)
		if err != nil || !bytes.Equal(body, want) {
			t.Errorf("%s: content differs (%v)", tt.name, err)
		}
		if h, err := tr.Next(); err != nil || h.Name != "after" {
			t.Errorf("%s: the next entry: %+v, %v", tt.name, h, err)
		}
	}
}

func TestSparseRefused(t *testing.T) {
	for _, data := range [][]Segment{{{10, 5}, {12, 1}}, {{0, 11}}, {{-1, 2}}, {{0, -1}}} {
		tw := &tarWriter{w: io.Discard}
		if err := tw.WriteSparseHeader(&tar.Header{Name: "f", Typeflag: tar.TypeReg, Size: 10}, data); err == nil {
			t.Errorf("segments %v accepted", data)
		}
	}
}
