package scan

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"coffre/engine/index"
	"coffre/engine/pattern"
)

type warning struct{ rel, code string }

func walk(t *testing.T, root string, o Options) ([]Entry, []warning) {
	t.Helper()
	var ws []warning
	o.Warn = func(rel, code string, err error) { ws = append(ws, warning{rel, code}) }
	es, err := Walk(context.Background(), root, o)
	if err != nil {
		t.Fatal(err)
	}
	return es, ws
}

func rels(es []Entry) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Rel)
	}
	return out
}

func write(t *testing.T, root string, files map[string]string) {
	t.Helper()
	for rel, data := range files {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestWalkOrderAndExclusions(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{
		"a-c": "", "a/b": "", "a b": "", "httpdocs/cache/x": "", "httpdocs/index.php": "",
		"httpdocs/error.log": "", "httpdocs/access_log.1.gz": "", "logs/access": "", "sub/tmp/t": "",
		"catalog.php": "",
	})
	set, err := pattern.Compile("/httpdocs/cache, **/tmp")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name string
		o    Options
		want []string
	}{
		{"everything", Options{}, []string{"", "a", "a/b", "a b", "a-c", "catalog.php", "httpdocs",
			"httpdocs/access_log.1.gz", "httpdocs/cache", "httpdocs/cache/x", "httpdocs/error.log",
			"httpdocs/index.php", "logs", "logs/access", "sub", "sub/tmp", "sub/tmp/t"}},
		{"patterns and logs", Options{Exclude: set, ExcludeLogs: true, LogDirs: []string{"logs"}},
			[]string{"", "a", "a/b", "a b", "a-c", "catalog.php", "httpdocs", "httpdocs/index.php", "sub"}},
		{"log dirs only with ExcludeLogs", Options{LogDirs: []string{"logs"}, Exclude: set},
			[]string{"", "a", "a/b", "a b", "a-c", "catalog.php", "httpdocs", "httpdocs/access_log.1.gz",
				"httpdocs/error.log", "httpdocs/index.php", "logs", "logs/access", "sub"}},
	}
	for _, c := range cases {
		es, ws := walk(t, root, c.o)
		if got := rels(es); !slices.Equal(got, c.want) || len(ws) != 0 {
			t.Errorf("%s: got %q (warnings %v)\nwant %q", c.name, got, ws, c.want)
		}
		if !slices.IsSortedFunc(es, func(a, b Entry) int { return index.Compare(a.Rel, b.Rel) }) {
			t.Errorf("%s: not in index order", c.name)
		}
	}
}

func TestSpecialFilesAreSkippedUnopened(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{"ok.txt": "ok"})
	if err := unix.Mkfifo(filepath.Join(root, "fifo"), 0o644); err != nil {
		t.Fatal(err)
	}
	es, ws := walk(t, root, Options{}) // a FIFO opened for reading would block forever
	if !slices.Equal(rels(es), []string{"", "ok.txt"}) || !slices.Equal(ws, []warning{{"fifo", SpecialFile}}) {
		t.Errorf("entries %q warnings %v", rels(es), ws)
	}
}

func TestHardLinksAreGroupedAndForeignOnesSkipped(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{"a/one": "x", "theirs": "y"})
	must(t, os.Link(filepath.Join(root, "a/one"), filepath.Join(root, "b")))
	foreign := os.Geteuid() == 0
	if foreign {
		must(t, os.Chown(filepath.Join(root, "theirs"), 4242, 4242))
		must(t, os.Link(filepath.Join(root, "theirs"), filepath.Join(root, "z-link")))
	}
	es, ws := walk(t, root, Options{})
	byRel := map[string]Entry{}
	for _, e := range es {
		byRel[e.Rel] = e
	}
	if e := byRel["b"]; e.Type != index.Hardlink || e.Link != "a/one" || byRel["a/one"].Type != index.File {
		t.Errorf("b = %+v, want a hard link to a/one", e)
	}
	if !foreign {
		t.Skip("not root: cannot make a file of another user")
	}
	want := []warning{{"theirs", ForeignHardlink}, {"z-link", ForeignHardlink}}
	if _, ok := byRel["theirs"]; ok || !slices.Equal(ws, want) {
		t.Errorf("foreign hard link: entries %q warnings %v", rels(es), ws)
	}
	// With the subscription's user as owner, the root's own hard-linked files are foreign.
	owner := uint32(4242)
	es, ws = walk(t, root, Options{Owner: &owner})
	slices.SortFunc(ws, func(a, b warning) int { return strings.Compare(a.rel, b.rel) })
	want = []warning{{"a/one", ForeignHardlink}, {"b", ForeignHardlink}}
	if !slices.Equal(ws, want) || !slices.Contains(rels(es), "theirs") {
		t.Errorf("owner 4242: entries %q warnings %v", rels(es), ws)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestMountPointIsNotDescended(t *testing.T) {
	root := t.TempDir()
	mnt := filepath.Join(root, "mnt")
	must(t, os.Mkdir(mnt, 0o755))
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=1m"); err != nil {
		t.Skipf("cannot mount a tmpfs here: %v", err)
	}
	defer syscall.Unmount(mnt, 0)
	write(t, mnt, map[string]string{"inside": "other fs"})
	es, ws := walk(t, root, Options{})
	if !slices.Equal(rels(es), []string{""}) || !slices.Equal(ws, []warning{{"mnt", MountPoint}}) {
		t.Errorf("entries %q warnings %v", rels(es), ws)
	}
}

// readAll reads the files of a walk with a Reader and returns their bytes (or errors).
func readAll(t *testing.T, root string, es []Entry) (map[string][]byte, map[string]error, map[string]error) {
	var which []int
	for i, e := range es {
		if e.Type == index.File {
			which = append(which, i)
		}
	}
	r, err := NewReader(context.Background(), root, &es[0], listSource(es, which), ReadOptions{Head: 4})
	must(t, err)
	defer r.Close()
	data, errs, changed := map[string][]byte{}, map[string]error{}, map[string]error{}
	for {
		it, ok := r.Next()
		if !ok {
			return data, errs, changed
		}
		if it.Err != nil {
			errs[it.Entry.Rel] = it.Err
			continue
		}
		var b bytes.Buffer
		n, err := it.WriteTo(&b)
		must(t, err)
		if n != it.Entry.Size {
			t.Errorf("%s: wrote %d bytes, listed %d", it.Entry.Rel, n, it.Entry.Size)
		}
		it.Close()
		data[it.Entry.Rel] = b.Bytes()
		if it.Changed != nil {
			changed[it.Entry.Rel] = it.Changed
		}
	}
}

// TestSwapAfterListingIsRefused: a file replaced between the walk and the read by a symlink
// (to a file outside), a directory, a FIFO or another file is not read.
func TestSwapAfterListingIsRefused(t *testing.T) {
	outside := filepath.Join(t.TempDir(), "secret")
	must(t, os.WriteFile(outside, []byte("SECRET"), 0o600))
	root := t.TempDir()
	write(t, root, map[string]string{"link": "a", "dir": "b", "fifo": "c", "other": "d", "same": "kept",
		"sub/x": "e"})
	es, _ := walk(t, root, Options{})
	p := func(rel string) string { return filepath.Join(root, rel) }
	must(t, os.WriteFile(p("other.new"), []byte("d"), 0o644))
	must(t, os.Rename(p("other.new"), p("other"))) // another inode in its place
	for _, rel := range []string{"link", "dir", "fifo", "sub/x"} {
		must(t, os.Remove(p(rel)))
	}
	must(t, os.Symlink(outside, p("link")))
	must(t, os.Mkdir(p("dir"), 0o755))
	must(t, unix.Mkfifo(p("fifo"), 0o644))
	must(t, os.Remove(p("sub")))
	must(t, os.Symlink(filepath.Dir(outside), p("sub"))) // a directory swapped for a link
	data, errs, _ := readAll(t, root, es)
	for _, rel := range []string{"link", "dir", "fifo", "other", "sub/x"} {
		if Code(errs[rel]) != ChangedType {
			t.Errorf("%s: error %v (code %s), want %s", rel, errs[rel], Code(errs[rel]), ChangedType)
		}
	}
	if string(data["same"]) != "kept" || len(data) != 1 {
		t.Errorf("read %q", data)
	}
}

func TestChangesWhileReadGiveConsistentEntries(t *testing.T) {
	root := t.TempDir()
	write(t, root, map[string]string{"grows": "12345678", "shrinks": "12345678", "vanishes": "x",
		"touched": "same size"})
	es, _ := walk(t, root, Options{})
	p := func(rel string) string { return filepath.Join(root, rel) }
	must(t, os.WriteFile(p("grows"), []byte("1234567890abcdef"), 0o644))
	must(t, os.WriteFile(p("shrinks"), []byte("123"), 0o644))
	must(t, os.Remove(p("vanishes")))
	must(t, os.WriteFile(p("touched"), []byte("SAME SIZE"), 0o644))
	must(t, os.Chtimes(p("touched"), time.Unix(1, 0), time.Unix(1, 0)))
	data, errs, changed := readAll(t, root, es)
	want := map[string]string{"grows": "12345678", "shrinks": "123\x00\x00\x00\x00\x00", "touched": "SAME SIZE"}
	for rel, w := range want {
		if string(data[rel]) != w || changed[rel] == nil {
			t.Errorf("%s: stored %q (changed: %v), want %q and a warning", rel, data[rel], changed[rel], w)
		}
	}
	if Code(errs["vanishes"]) != Vanished {
		t.Errorf("vanishes: %v", errs["vanishes"])
	}
}

// A sparse file past 2^31 bytes: only its data is read and streamed, its holes are listed.
func TestLargeSparseFileStreams(t *testing.T) {
	root := t.TempDir()
	f, err := os.Create(filepath.Join(root, "big.img"))
	must(t, err)
	const size = 2<<30 + 12345 // past 2^31
	must(t, f.Truncate(size))
	f.WriteAt([]byte("END"), size-3)
	f.Close()
	es, _ := walk(t, root, Options{})
	r, err := NewReader(context.Background(), root, &es[0], listSource(es, []int{1}), ReadOptions{})
	must(t, err)
	defer r.Close()
	it, _ := r.Next()
	var tail tailWriter
	n, err := it.WriteTo(&tail)
	if err != nil || it.Sparse == nil || n != DataBytes(it.Sparse) || n > 1<<20 ||
		string(tail.last[len(tail.last)-3:]) != "END" || it.Changed != nil {
		t.Errorf("streamed %d bytes of %v (%v, changed %v), tail %q", n, it.Sparse, err, it.Changed, tail.last)
	}
	if last := it.Sparse[len(it.Sparse)-1]; last.Offset+last.Length != size {
		t.Errorf("the data segments %v do not end at %d", it.Sparse, int64(size))
	}
}

type tailWriter struct{ last []byte }

func (w *tailWriter) Write(p []byte) (int, error) {
	if len(p) >= 3 {
		w.last = append(w.last[:0], p[len(p)-3:]...)
	}
	return len(p), nil
}

// listSource gives a Reader the files es[i] for i in which, and every directory of es.
func listSource(es []Entry, which []int) Source {
	i, w := 0, 0
	return func() (Entry, bool) {
		for ; i < len(es); i++ {
			if es[i].Type == index.Dir {
				i++
				return es[i-1], true
			}
			if w < len(which) && which[w] == i {
				w++
				i++
				return es[i-1], true
			}
		}
		return Entry{}, false
	}
}
