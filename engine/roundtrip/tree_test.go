package roundtrip

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// node is one path of a tree as a restore must give it back.
type node struct {
	Mode     fs.FileMode // type, permissions, setuid, setgid, sticky
	UID, GID uint32
	MTime    time.Time
	Size     int64  // regular files
	Sum      string // regular files: SHA-256 of the content
	Link     string // symlinks: the target
	Group    string // hard links: the first path (in sorted order) of the inode's names
}

// tree is every path below a directory ("." for itself), by slash path.
type tree map[string]node

// snapshot records the tree under dir without following any symlink.
func snapshot(t testing.TB, dir string) tree {
	t.Helper()
	tr := tree{}
	inodes := map[[2]uint64][]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		n, ino, err := nodeOf(p)
		if err != nil {
			return err
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
		if len(names) < 2 {
			continue
		}
		sort.Strings(names)
		for _, name := range names {
			n := tr[name]
			n.Group = names[0]
			tr[name] = n
		}
	}
	return tr
}

func nodeOf(p string) (node, [2]uint64, error) {
	fi, err := os.Lstat(p)
	if err != nil {
		return node{}, [2]uint64{}, err
	}
	st := fi.Sys().(*syscall.Stat_t)
	n := node{Mode: fi.Mode(), UID: st.Uid, GID: st.Gid, MTime: fi.ModTime()}
	switch {
	case fi.Mode().IsRegular():
		n.Size = fi.Size()
		n.Sum, err = sum(p)
	case fi.Mode()&fs.ModeSymlink != 0:
		n.Link, err = os.Readlink(p)
	}
	return n, [2]uint64{uint64(st.Dev), st.Ino}, err
}

// sum digests a file's content as the offsets and bytes of its blocks that are not all zero,
// reading only the data regions (SEEK_DATA): a sparse file of gigabytes costs little, and the
// digest does not depend on where the holes are.
func sum(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	buf := make([]byte, block)
	var next int64 // the first block not yet digested
	for off := int64(0); ; {
		data, err := unix.Seek(int(f.Fd()), off, unix.SEEK_DATA)
		if errors.Is(err, unix.ENXIO) {
			return hex.EncodeToString(h.Sum(nil)), nil
		}
		if err != nil {
			return "", err
		}
		hole, err := unix.Seek(int(f.Fd()), data, unix.SEEK_HOLE)
		if err != nil {
			return "", err
		}
		for b := max(next, data&^(block-1)); b < hole; b += block {
			if err := digestBlock(h, f, buf, b); err != nil {
				return "", err
			}
			next = b + block
		}
		off = hole
	}
}

const block = 64 << 10

var zeroBlock = make([]byte, block)

func digestBlock(h hash.Hash, f *os.File, buf []byte, off int64) error {
	n, err := f.ReadAt(buf, off)
	if err != nil && err != io.EOF {
		return err
	}
	if bytes.Equal(buf[:n], zeroBlock[:n]) {
		return nil
	}
	var o [8]byte
	binary.BigEndian.PutUint64(o[:], uint64(off))
	h.Write(o[:])
	h.Write(buf[:n])
	return nil
}

// diff lists how got differs from want, one line per path.
func diff(want, got tree) []string {
	var out []string
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%q missing", p))
		case g != w:
			out = append(out, fmt.Sprintf("%q: got %+v, want %+v", p, g, w))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			out = append(out, fmt.Sprintf("%q extra", p))
		}
	}
	sort.Strings(out)
	return out
}

// sameTree fails the test if got differs from want.
func sameTree(t testing.TB, want, got tree) {
	t.Helper()
	if d := diff(want, got); len(d) > 0 {
		if len(d) > 20 {
			d = append(d[:20], fmt.Sprintf("... and %d more", len(d)-20))
		}
		t.Fatalf("restored tree differs from the original:\n%s", joinLines(d))
	}
}

func joinLines(lines []string) string {
	s := ""
	for _, l := range lines {
		s += "  " + l + "\n"
	}
	return s
}
