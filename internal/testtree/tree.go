package testtree

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"testing"
	"time"
)

// Node is what a user checks of one path. Access times are not part of it.
type Node struct {
	Mode     fs.FileMode // type, permissions, setuid, setgid, sticky
	UID, GID uint32
	MTime    time.Time // compared to the nanosecond
	Size     int64     // regular files
	Sum      string    // regular files: the content's digest (see Digest)
	Link     string    // symlinks: the target
	Group    string    // hard links: the first path (in sorted order) of the inode's names
}

// Tree is every path below a directory ("." for itself), by slash path.
type Tree map[string]Node

// Snapshot records the tree under dir without following any symlink. It fails the test on
// any error, such as a file it may not read.
func Snapshot(t testing.TB, dir string) Tree {
	t.Helper()
	tr := Tree{}
	inodes := map[[2]uint64][]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		n, ino, err := nodeOf(p)
		if err != nil {
			return fmt.Errorf("snapshot %s: %w", p, err)
		}
		tr[filepath.ToSlash(rel)] = n
		if n.Mode.IsRegular() {
			inodes[ino] = append(inodes[ino], filepath.ToSlash(rel))
		}
		return nil
	})
	if err != nil {
		t.Fatalf("snapshot %s: %v", dir, err)
	}
	for _, names := range inodes {
		if len(names) > 1 {
			tr.Group(names...)
		}
	}
	return tr
}

// Group marks names as the hard links of one inode: each gets the first of them in sorted order.
func (tr Tree) Group(names ...string) {
	sort.Strings(names)
	for _, name := range names {
		n := tr[name]
		n.Group = names[0]
		tr[name] = n
	}
}

func nodeOf(p string) (Node, [2]uint64, error) {
	fi, err := os.Lstat(p)
	if err != nil {
		return Node{}, [2]uint64{}, err
	}
	st := fi.Sys().(*syscall.Stat_t)
	n := Node{Mode: fi.Mode(), UID: st.Uid, GID: st.Gid, MTime: fi.ModTime()}
	switch {
	case fi.Mode().IsRegular():
		n.Size = fi.Size()
		n.Sum, err = sumFile(p)
	case fi.Mode()&fs.ModeSymlink != 0:
		n.Link, err = os.Readlink(p)
	}
	return n, [2]uint64{uint64(st.Dev), st.Ino}, err
}
