package index

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"testing"
)

func sampleEntries() []Entry {
	es := []Entry{
		{Path: "files/a.example", Type: Dir, Mode: 0o750, UID: 1000, GID: 1000, MTime: 1, Holder: "b1"},
		{Path: "files/a.example/a/x", Type: File, Mode: 0o2755, Size: 1 << 40, MTime: 1<<62 + 7, Holder: "b2"},
		{Path: "files/a.example/a/y", Type: Hardlink, Mode: 0o2755, Size: 1 << 40, Link: "files/a.example/a/x", Holder: "b2"},
		{Path: "files/a.example/a b", Type: File, Mode: 0o644, Size: 12, MTime: -1_000_000_001, Holder: "b1"},
		{Path: "files/a.example/a-c", Type: Symlink, Mode: 0o777, Link: "/etc/shadow", Holder: "b2"},
		{Path: "files/a.example/new\nline\xff", Type: File, Mode: 0, UID: 1 << 31, GID: 4294967295, Holder: "b1"},
		{Path: "files/b.example", Type: Dir, Mode: 0o755, Holder: "b3"},
	}
	return es
}

func encode(t testing.TB, name string, es []Entry) []byte {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, name)
	if err != nil {
		t.Fatal(err)
	}
	for i := range es {
		if err := w.Add(&es[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestRoundTrip(t *testing.T) {
	es := sampleEntries()
	name, got, err := ReadAll(bytes.NewReader(encode(t, "b3", es)))
	if err != nil {
		t.Fatal(err)
	}
	if name != "b3" || !slices.Equal(got, es) {
		t.Fatalf("got %q %v\nwant %v", name, got, es)
	}
}

func TestEmptyIndex(t *testing.T) {
	name, got, err := ReadAll(bytes.NewReader(encode(t, "cfg", nil)))
	if err != nil || name != "cfg" || len(got) != 0 {
		t.Fatalf("ReadAll = %q %v %v", name, got, err)
	}
}

func TestCompareIsWalkOrder(t *testing.T) {
	paths := []string{"a-c", "a/b", "a", "a/b/c", "a.b", "ab", "a/b-c", "a/b/d", "b", "\xff", "a\n"}
	sort.Slice(paths, func(i, j int) bool { return Compare(paths[i], paths[j]) < 0 })
	want := []string{"a", "a/b", "a/b/c", "a/b/d", "a/b-c", "a\n", "a-c", "a.b", "ab", "b", "\xff"}
	if !slices.Equal(paths, want) {
		t.Fatalf("sorted %q\nwant   %q", paths, want)
	}
}

func TestWriterRefuses(t *testing.T) {
	cases := []struct {
		name string
		es   []Entry
	}{
		{"out of order", []Entry{{Path: "b", Type: Dir}, {Path: "a", Type: Dir}}},
		{"duplicate", []Entry{{Path: "a", Type: Dir}, {Path: "a", Type: Dir}}},
		{"bad type", []Entry{{Path: "a", Type: 'x'}}},
		{"bad mode", []Entry{{Path: "a", Type: File, Mode: 010000}}},
		{"empty path", []Entry{{Type: File}}},
	}
	for _, c := range cases {
		w, _ := NewWriter(io.Discard, "b")
		var err error
		for i := range c.es {
			if err = w.Add(&c.es[i]); err != nil {
				break
			}
		}
		if err == nil {
			t.Errorf("%s: accepted", c.name)
		}
	}
}

// TestDamageIsDetected: a damaged index fails with ErrCorrupt: damage to its compressed bytes
// (the zstd frame's checksum), a stream cut or extended, and, in format 4, any change to its
// records (their SHA-256 ends the stream).
func TestDamageIsDetected(t *testing.T) {
	good := encode(t, "b3", sampleEntries())
	_, raw, _ := decodeRaw(good)
	var v4 bytes.Buffer
	w, _ := newWriter(&v4, "b3", 4)
	for _, e := range sampleEntries() {
		must(t, w.Add(&e))
	}
	must(t, w.Close())
	_, raw4, _ := decodeRaw(v4.Bytes())
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"truncated", good[:len(good)-5]},
		{"empty", nil},
		{"not zstd", []byte("hello world, this is not an index")},
		{"flipped compressed byte", flip(good, len(good)/2)},
		{"flipped compressed checksum", flip(good, len(good)-1)},
		{"flipped count", recompress(flip(raw, len(raw)-1))},
		{"cut before end", recompress(raw[:len(raw)-20])},
		{"garbage after", recompress(append(slices.Clone(raw), 0))},
		{"format 4: flipped byte inside", recompress(flip(raw4, len(raw4)/2))},
		{"format 4: flipped checksum", recompress(flip(raw4, len(raw4)-1))},
		{"format 4: cut before end", recompress(raw4[:len(raw4)-40])},
	} {
		_, _, err := ReadAll(bytes.NewReader(c.data))
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: err = %v, want ErrCorrupt", c.name, err)
		}
	}
}

func flip(b []byte, i int) []byte {
	b = slices.Clone(b)
	b[i] ^= 1
	return b
}

func TestLargeIndexStreams(t *testing.T) {
	const n = 120_000
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, "big")
	for i := 0; i < n; i++ {
		e := Entry{Path: fmt.Sprintf("files/a.example/httpdocs/d%03d/file%06d.php", i/1000, i),
			Type: File, Mode: 0o644, UID: 1000, GID: 1000, Size: int64(i), MTime: 1700000000e9 + int64(i), Holder: "big"}
		if err := w.Add(&e); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	if buf.Len() > 2<<20 {
		t.Errorf("index of %d entries is %d bytes", n, buf.Len())
	}
	_, es, err := ReadAll(&buf)
	if err != nil || len(es) != n {
		t.Fatalf("read %d entries: %v", len(es), err)
	}
}

func BenchmarkRead120k(b *testing.B) {
	var es []Entry
	for i := 0; i < 120_000; i++ {
		es = append(es, Entry{Path: fmt.Sprintf("files/a.example/httpdocs/d%03d/file%06d.php", i/1000, i),
			Type: File, Mode: 0o644, Size: int64(i), MTime: 1700000000e9 + int64(i), Holder: "big"})
	}
	data := encode(b, "big", es)
	b.ResetTimer()
	for b.Loop() {
		r, _ := NewReader(bytes.NewReader(data))
		for {
			if _, err := r.Next(); err != nil {
				break
			}
		}
		r.Close()
	}
}

func TestPathOf(t *testing.T) {
	cases := []struct{ domain, rel, path string }{
		{"a.example", "", "files/a.example"},
		{"a.example", "httpdocs/index.php", "files/a.example/httpdocs/index.php"},
	}
	for _, c := range cases {
		if got := PathOf(c.domain, c.rel); got != c.path {
			t.Errorf("PathOf(%q, %q) = %q, want %q", c.domain, c.rel, got, c.path)
		}
		if d, r, ok := SplitPath(c.path); d != c.domain || r != c.rel || !ok {
			t.Errorf("SplitPath(%q) = %q, %q, %v", c.path, d, r, ok)
		}
	}
	for _, p := range []string{"files/", "config/account.json", "coffre/manifest.json", "files"} {
		if _, _, ok := SplitPath(p); ok {
			t.Errorf("SplitPath(%q) ok", p)
		}
	}
}
