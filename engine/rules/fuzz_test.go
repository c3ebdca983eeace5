package rules

import (
	"strings"
	"testing"

	"coffre/engine/extract"
	"coffre/engine/index"
)

// FuzzPath: an accepted path is under files/ or mail/ and already clean: restore writes it as
// it is.
func FuzzPath(f *testing.F) {
	for _, s := range []string{"files/a", "files/a//etc/x", "files/a/../b", "/etc/x", "files/a/b\x00", "files/a/",
		"mail/a/b@a/cur/1", "mail/a", "mail/a//x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if Path(p) != nil {
			return
		}
		clean, err := extract.Clean(p, 1<<20)
		under := strings.HasPrefix(p, "files/") || strings.HasPrefix(p, "mail/") && strings.Count(p, "/") >= 2
		if !under || err != nil || clean != p || strings.Contains(p, "/../") {
			t.Fatalf("accepted %q (clean %q, %v)", p, clean, err)
		}
	})
}

// FuzzIndexChecker feeds records, one a line ("<type> <path> [<link>]"): whatever is accepted
// sits in a directory accepted before it, and a hard link names a file accepted before it.
func FuzzIndexChecker(f *testing.F) {
	f.Add("d files/a\nf files/a/x\nh files/a/y files/a/x\nl files/a/l /etc\nf files/a/l/z")
	f.Add("d files/a\nd files/a/b\nf files/a/b/c\nf files/a/c\nf files/a/b/d")
	f.Add("f files/a\nd files/a//b\nh files/a/h /etc/shadow")
	f.Fuzz(func(t *testing.T, text string) {
		c := NewIndexChecker()
		dirs, files := map[string]bool{}, map[string]bool{}
		for line := range strings.SplitSeq(text, "\n") {
			parts := strings.SplitN(line, " ", 3)
			if len(parts) < 2 || len(parts[0]) != 1 {
				continue
			}
			e := index.Entry{Type: index.Type(parts[0][0]), Path: parts[1]}
			if len(parts) == 3 {
				e.Link = parts[2]
			}
			if c.Check(e) != nil {
				continue
			}
			if depth(e.Path) > 2 && !dirs[parentOf(e.Path)] {
				t.Fatalf("accepted %q outside any accepted directory", e.Path)
			}
			if e.Type == index.Hardlink && !files[e.Link] {
				t.Fatalf("accepted hard link %q to %q, not an accepted file", e.Path, e.Link)
			}
			switch e.Type {
			case index.Dir:
				dirs[e.Path] = true
			case index.File:
				files[e.Path] = true
			}
		}
	})
}
