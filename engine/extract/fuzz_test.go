package extract

import (
	"archive/tar"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzEntries feeds a Writer entries with fuzzed names, types and link targets, into a target
// where links to the outside were planted: nothing outside the target may change.
// A script line is: a type letter (f file, d dir, l symlink, h hard link), the name, and after a
// tab the link target.
func FuzzEntries(f *testing.F) {
	for _, seed := range []string{
		"f../outside/secret",
		"fup/secret\nfabs/secret\nffile",
		"lx\t../outside\nfx/evil",
		"lx\t/tmp\ndx/sub\nfx/sub/f",
		"hh\t../outside/secret\nhh2\tfile",
		"fa\nha2\ta\nla\tup\nfa/x",
		"d.\nf./a/./b/../c",
		"f/abs\nfa\x00b\nda//b\nfa\\..\\b",
		"dup\nfup/x\nlup/x\t..\nfup/x/y",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, script string) {
		s := newSandbox(t)
		plant(t, s)
		w, err := New(s.target, Options{Workers: 2})
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(script, "\n")
		for _, line := range lines[:min(len(lines), 16)] {
			if line == "" {
				continue
			}
			name, link, _ := strings.Cut(line[1:], "\t")
			h := &tar.Header{Name: name, Linkname: link, Typeflag: typeOf(line[0]), Mode: 0o755, Size: 3}
			w.Entry(t.Context(), h, strings.NewReader("abc"))
		}
		w.Close()
		s.untouched(t)
	})
}

func typeOf(c byte) byte {
	switch c {
	case 'd':
		return tar.TypeDir
	case 'l':
		return tar.TypeSymlink
	case 'h':
		return tar.TypeLink
	}
	return tar.TypeReg
}

// plant puts, in the target, links that lead outside it.
func plant(t testing.TB, s sandbox) {
	t.Helper()
	links := map[string]string{"up": "../outside", "abs": s.outside, "file": filepath.Join(s.outside, "secret")}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(s.target, name)); err != nil {
			t.Fatal(err)
		}
	}
}
