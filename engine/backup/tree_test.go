package backup

import (
	"crypto/sha256"
	"encoding/hex"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// node is one path of a declarative test tree.
type node struct {
	path  string // slash path relative to the tree's root
	kind  byte   // 'd' dir, 'f' file, 'l' symlink, 'h' hard link to link, 's' sparse file of size
	data  string
	size  int64
	mode  os.FileMode // permission bits; 0 means 0644 (files) or 0755 (dirs); use perm0 for 0000
	link  string
	mtime time.Time // zero: a fixed default
}

const perm0 = 0o10000 // marker for mode 0000

var defaultTime = time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.UTC)

func longPath() string {
	var parts []string
	for i := 0; i < 3; i++ {
		parts = append(parts, strings.Repeat(string(rune('p'+i)), 99))
	}
	return strings.Join(parts, "/") + "/end.txt" // 300+ bytes
}

// awkwardTree is every case the format must keep.
func awkwardTree() []node {
	deep := strings.Repeat("d/", 60) + "bottom.txt"
	return []node{
		{path: "httpdocs", kind: 'd', mode: 0o2755},
		{path: "httpdocs/index.php", kind: 'f', data: "<?php echo 'hello';\n"},
		{path: "httpdocs/café ☕.txt", kind: 'f', data: "unicode"},
		{path: "httpdocs/ lead and trail ", kind: 'f', data: "spaces"},
		{path: "httpdocs/new\nline", kind: 'f', data: "newline in name"},
		{path: "httpdocs/bad\xff\xfeutf8", kind: 'f', data: "invalid utf-8"},
		{path: "httpdocs/" + strings.Repeat("n", 255), kind: 'f', data: "NAME_MAX"},
		{path: "httpdocs/" + longPath(), kind: 'f', data: "long path"},
		{path: "httpdocs/" + deep, kind: 'f', data: "deep"},
		{path: "empty-dir", kind: 'd', mode: 0o700},
		{path: "empty-file", kind: 'f'},
		{path: "sparse.img", kind: 's', size: 16 << 20},
		{path: "mode0000", kind: 'f', data: "locked", mode: perm0},
		{path: "setuid", kind: 'f', data: "#!/bin/sh\n", mode: 0o4755},
		{path: "old-1950", kind: 'f', data: "old", mtime: time.Date(1950, 1, 2, 3, 4, 5, 987654321, time.UTC)},
		{path: "future-2100", kind: 'f', data: "future", mtime: time.Date(2100, 1, 1, 0, 0, 0, 1, time.UTC)},
		{path: "links", kind: 'd'},
		{path: "links/abs-etc", kind: 'l', link: "/etc/passwd"},
		{path: "links/rel", kind: 'l', link: "../httpdocs/index.php"},
		{path: "links/dangling", kind: 'l', link: "nowhere/at/all"},
		{path: "links/loop-a", kind: 'l', link: "loop-b"},
		{path: "links/loop-b", kind: 'l', link: "loop-a"},
		{path: "links/self", kind: 'l', link: "self"},
		{path: "hard", kind: 'd'},
		{path: "hard/one", kind: 'f', data: "shared inode"},
		{path: "hard/two", kind: 'h', link: "hard/one"},
		{path: "httpdocs/three", kind: 'h', link: "hard/one"},
	}
}

// build creates the tree under root (mtimes last, deepest first, links without following).
func build(t testing.TB, root string, nodes []node) {
	t.Helper()
	for _, n := range nodes {
		p := filepath.Join(root, n.path)
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		switch n.kind {
		case 'd':
			must(t, os.MkdirAll(p, 0o755))
		case 'f':
			must(t, os.WriteFile(p, []byte(n.data), 0o644))
		case 's':
			f, err := os.Create(p)
			must(t, err)
			must(t, f.Truncate(n.size))
			f.Close()
		case 'l':
			must(t, os.Symlink(n.link, p))
		case 'h':
			must(t, os.Link(filepath.Join(root, n.link), p))
		}
	}
	for i := len(nodes) - 1; i >= 0; i-- {
		setMeta(t, root, nodes[i])
	}
}

func setMeta(t testing.TB, root string, n node) {
	p := filepath.Join(root, n.path)
	if n.kind == 'd' || n.kind == 'f' || n.kind == 's' {
		mode := n.mode
		switch {
		case mode == perm0:
			mode = 0
		case mode == 0 && n.kind == 'd':
			mode = 0o755
		case mode == 0:
			mode = 0o644
		}
		must(t, unix.Chmod(p, uint32(mode)))
	}
	mt := n.mtime
	if mt.IsZero() {
		mt = defaultTime
	}
	ts := []unix.Timespec{unix.NsecToTimespec(mt.UnixNano()), unix.NsecToTimespec(mt.UnixNano())}
	must(t, unix.UtimesNanoAt(unix.AT_FDCWD, p, ts, unix.AT_SYMLINK_NOFOLLOW))
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// snap is what a user checks of one path.
type snap struct {
	Type  byte
	Mode  uint32
	Size  int64
	MTime int64
	Link  string
	Sum   string
	Group string // for hard links: the first name of the inode (sorted)
}

// snapshot describes the tree under root (the root itself as "").
func snapshot(t testing.TB, root string) map[string]snap {
	t.Helper()
	out := map[string]snap{}
	inodes := map[uint64][]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		if rel == "." {
			rel = ""
		}
		var st unix.Stat_t
		must(t, unix.Lstat(p, &st))
		s := snap{Mode: st.Mode & 0o7777, MTime: st.Mtim.Nano()}
		switch st.Mode & unix.S_IFMT {
		case unix.S_IFDIR:
			s.Type = 'd'
		case unix.S_IFLNK:
			s.Type = 'l'
			s.Link, _ = os.Readlink(p)
			s.Mode = 0
		case unix.S_IFREG:
			s.Type, s.Size, s.Sum = 'f', st.Size, sum(t, p)
			if st.Nlink > 1 {
				inodes[st.Ino] = append(inodes[st.Ino], rel)
			}
		}
		out[rel] = s
		return nil
	})
	must(t, err)
	for _, names := range inodes {
		sort.Strings(names)
		for _, n := range names {
			s := out[n]
			s.Group = names[0]
			out[n] = s
		}
	}
	return out
}

func sum(t testing.TB, p string) string {
	f, err := os.Open(p)
	must(t, err)
	defer f.Close()
	h := sha256.New()
	_, err = io.Copy(h, f)
	must(t, err)
	return hex.EncodeToString(h.Sum(nil))
}

// sameTree reports every difference between two snapshots.
func sameTree(t *testing.T, got, want map[string]snap) {
	t.Helper()
	for p, w := range want {
		g, ok := got[p]
		if !ok {
			t.Errorf("missing %q", p)
			continue
		}
		if g != w {
			t.Errorf("%q differs:\n got %+v\nwant %+v", p, g, w)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			t.Errorf("extra %q", p)
		}
	}
}
