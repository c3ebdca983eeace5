package archive

import (
	"archive/tar"
	"bytes"
	"io"
	"strings"
	"testing"
	"time"
)

// FuzzTarHeader: what tarWriter writes, archive/tar reads back the same (it is the reader of
// restore, and GNU tar reads the same format).
func FuzzTarHeader(f *testing.F) {
	f.Add("files/a.example/index.php", "", int64(1700000000), uint32(123456789), 1000, 1000, int64(12), byte('0'), "www", "www")
	f.Add(strings.Repeat("long/", 40)+"x", strings.Repeat("l", 150), int64(-86400*400), uint32(1), 1<<22, 5, int64(0), byte('2'), "", "")
	f.Add("bad\xff\xfe\nname/", "", int64(0), uint32(0), 0, 0, int64(0), byte('5'), "é", strings.Repeat("g", 40))
	f.Add("a", "b", int64(1<<34), uint32(999999999), 0, 0, int64(0), byte('1'), "", "")
	f.Fuzz(func(t *testing.T, name, link string, sec int64, nsec uint32, uid, gid int, size int64, typ byte, uname, gname string) {
		switch {
		case name == "" || strings.ContainsRune(name+link+uname+gname, 0) || uid < 0 || gid < 0:
			return
		case typ != tar.TypeReg && typ != tar.TypeDir && typ != tar.TypeSymlink && typ != tar.TypeLink:
			return
		}
		sec = sec % (1 << 40)
		size = max(size%4096, 0)
		if typ != tar.TypeReg {
			size = 0
		}
		h := &tar.Header{Name: name, Linkname: link, Typeflag: typ, Mode: 0o2755, Uid: uid, Gid: gid,
			Uname: uname, Gname: gname, Size: size, ModTime: time.Unix(sec, int64(nsec%1e9))}
		var buf bytes.Buffer
		tw := &tarWriter{w: &buf}
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(make([]byte, size)); err != nil {
			t.Fatal(err)
		}
		if err := tw.Close(); err != nil {
			t.Fatal(err)
		}
		tr := tar.NewReader(&buf)
		got, err := tr.Next()
		if err != nil {
			t.Fatalf("archive/tar cannot read it: %v", err)
		}
		if got.Name != h.Name || got.Linkname != h.Linkname || got.Typeflag != typ || got.Mode != h.Mode ||
			got.Uid != uid || got.Gid != gid || got.Size != size || !got.ModTime.Equal(h.ModTime) ||
			got.Uname != uname || got.Gname != gname {
			t.Fatalf("wrote %+v\nread  %+v", h, got)
		}
		if n, _ := io.Copy(io.Discard, tr); n != size {
			t.Fatalf("content %d bytes, want %d", n, size)
		}
		if _, err := tr.Next(); err != io.EOF {
			t.Fatalf("after the entry: %v", err)
		}
	})
}
