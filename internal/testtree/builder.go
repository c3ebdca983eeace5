package testtree

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// Builder makes a test tree under a root, failing the test on any error. Directories made by
// Dir get their modes and times from Done, deepest first, after their content.
type Builder struct {
	t    testing.TB
	root string
	dirs map[string]attrs
}

type attrs struct {
	mode fs.FileMode
	mt   time.Time
}

// New returns a Builder for root, which it creates if needed.
func New(t testing.TB, root string) *Builder {
	t.Helper()
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	return &Builder{t: t, root: root, dirs: map[string]attrs{}}
}

// Path is rel's path on disk.
func (b *Builder) Path(rel string) string { return filepath.Join(b.root, rel) }

func (b *Builder) check(err error) {
	b.t.Helper()
	if err != nil {
		b.t.Fatal(err)
	}
}

// Dir makes a directory and its parents; Done gives it mode and mt.
func (b *Builder) Dir(rel string, mode fs.FileMode, mt time.Time) {
	b.t.Helper()
	b.check(os.MkdirAll(b.Path(rel), 0o755))
	b.dirs[rel] = attrs{mode, mt}
}

// File writes a file (replacing what was there) and its missing parents.
func (b *Builder) File(rel, body string, mode fs.FileMode, mt time.Time) {
	b.t.Helper()
	p := b.Path(rel)
	b.check(os.MkdirAll(filepath.Dir(p), 0o755))
	os.Remove(p)
	b.check(os.WriteFile(p, []byte(body), 0o600))
	b.check(unix.Chmod(p, unixMode(mode)))
	b.check(os.Chtimes(p, mt, mt))
}

// Symlink makes a symlink (replacing what was there) with its own mtime.
func (b *Builder) Symlink(rel, target string, mt time.Time) {
	b.t.Helper()
	p := b.Path(rel)
	b.check(os.MkdirAll(filepath.Dir(p), 0o755))
	os.Remove(p)
	b.check(os.Symlink(target, p))
	ts := []unix.Timespec{unix.NsecToTimespec(mt.UnixNano()), unix.NsecToTimespec(mt.UnixNano())}
	b.check(unix.UtimesNanoAt(unix.AT_FDCWD, p, ts, unix.AT_SYMLINK_NOFOLLOW))
}

// Link makes rel a hard link to old.
func (b *Builder) Link(old, rel string) {
	b.t.Helper()
	b.check(os.MkdirAll(filepath.Dir(b.Path(rel)), 0o755))
	b.check(os.Link(b.Path(old), b.Path(rel)))
}

// Sparse makes a file of size bytes, nearly all holes, with a few bytes written here and there.
func (b *Builder) Sparse(rel string, size int64, mt time.Time) {
	b.t.Helper()
	b.holes(rel, size, []int64{0, size / 3, size - 5}, mt)
}

func (b *Builder) holes(rel string, size int64, data []int64, mt time.Time) {
	b.t.Helper()
	f, err := os.Create(b.Path(rel))
	b.check(err)
	b.check(f.Truncate(size))
	for _, off := range data {
		_, err := f.WriteAt([]byte("data!"), off)
		b.check(err)
	}
	b.check(f.Close())
	b.check(os.Chtimes(b.Path(rel), mt, mt))
}

// Chown sets rel's owner without following a symlink (root only).
func (b *Builder) Chown(rel string, uid, gid int) {
	b.t.Helper()
	b.check(os.Lchown(b.Path(rel), uid, gid))
}

// Done sets the directories' modes and times, deepest first.
func (b *Builder) Done() {
	b.t.Helper()
	rels := make([]string, 0, len(b.dirs))
	for rel := range b.dirs {
		rels = append(rels, rel)
	}
	sort.Slice(rels, func(i, j int) bool { return strings.Count(rels[i], "/") > strings.Count(rels[j], "/") })
	for _, rel := range rels {
		a := b.dirs[rel]
		b.check(unix.Chmod(b.Path(rel), unixMode(a.mode)))
		b.check(os.Chtimes(b.Path(rel), a.mt, a.mt))
	}
}

// unixMode takes the setuid, setgid and sticky bits either as fs.Mode bits or as octal
// 0o4000, 0o2000, 0o1000 (which os.Chmod would drop).
func unixMode(m fs.FileMode) uint32 {
	o := uint32(m & 0o7777)
	for fm, um := range map[fs.FileMode]uint32{fs.ModeSetuid: unix.S_ISUID, fs.ModeSetgid: unix.S_ISGID, fs.ModeSticky: unix.S_ISVTX} {
		if m&fm != 0 {
			o |= um
		}
	}
	return o
}
