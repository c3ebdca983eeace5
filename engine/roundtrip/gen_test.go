package roundtrip

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

// builder makes a test tree under root. Directories' modes and times are set by done, deepest
// first, after their content.
type builder struct {
	t    testing.TB
	root string
	dirs map[string]attrs
}

type attrs struct {
	mode fs.FileMode
	mt   time.Time
}

var (
	tOld = time.Date(1950, 1, 2, 3, 4, 5, 123456789, time.UTC)
	tNs  = time.Date(2023, 7, 8, 9, 10, 11, 987654321, time.UTC)
)

func newBuilder(t testing.TB, root string) *builder {
	if err := os.MkdirAll(root, 0o755); err != nil {
		t.Fatal(err)
	}
	return &builder{t: t, root: root, dirs: map[string]attrs{}}
}

func (b *builder) path(rel string) string { return filepath.Join(b.root, rel) }

func (b *builder) check(err error) {
	b.t.Helper()
	if err != nil {
		b.t.Fatal(err)
	}
}

func (b *builder) dir(rel string, mode fs.FileMode, mt time.Time) {
	b.t.Helper()
	b.check(os.MkdirAll(b.path(rel), 0o755))
	b.dirs[rel] = attrs{mode, mt}
}

func (b *builder) file(rel, body string, mode fs.FileMode, mt time.Time) {
	b.t.Helper()
	p := b.path(rel)
	b.check(os.MkdirAll(filepath.Dir(p), 0o755))
	os.Remove(p)
	b.check(os.WriteFile(p, []byte(body), 0o600))
	b.check(os.Chmod(p, mode))
	b.check(os.Chtimes(p, mt, mt))
}

func (b *builder) symlink(rel, target string, mt time.Time) {
	b.t.Helper()
	p := b.path(rel)
	b.check(os.MkdirAll(filepath.Dir(p), 0o755))
	os.Remove(p)
	b.check(os.Symlink(target, p))
	ts := []unix.Timespec{unix.NsecToTimespec(mt.UnixNano()), unix.NsecToTimespec(mt.UnixNano())}
	b.check(unix.UtimesNanoAt(unix.AT_FDCWD, p, ts, unix.AT_SYMLINK_NOFOLLOW))
}

func (b *builder) link(old, rel string) {
	b.t.Helper()
	b.check(os.MkdirAll(filepath.Dir(b.path(rel)), 0o755))
	b.check(os.Link(b.path(old), b.path(rel)))
}

// sparse makes a file of size bytes, nearly all holes, with a few bytes written here and there.
func (b *builder) sparse(rel string, size int64, mt time.Time) {
	b.t.Helper()
	f, err := os.Create(b.path(rel))
	b.check(err)
	b.check(f.Truncate(size))
	for _, off := range []int64{0, size / 3, size - 5} {
		_, err := f.WriteAt([]byte("data!"), off)
		b.check(err)
	}
	b.check(f.Close())
	b.check(os.Chtimes(b.path(rel), mt, mt))
}

func (b *builder) chown(rel string, uid, gid int) {
	b.t.Helper()
	b.check(os.Lchown(b.path(rel), uid, gid))
}

// done sets the directories' modes and times, deepest first.
func (b *builder) done() {
	b.t.Helper()
	rels := make([]string, 0, len(b.dirs))
	for rel := range b.dirs {
		rels = append(rels, rel)
	}
	sort.Slice(rels, func(i, j int) bool { return strings.Count(rels[i], "/") > strings.Count(rels[j], "/") })
	for _, rel := range rels {
		a := b.dirs[rel]
		b.check(os.Chmod(b.path(rel), a.mode))
		b.check(os.Chtimes(b.path(rel), a.mt, a.mt))
	}
}

func isRoot() bool { return os.Geteuid() == 0 }

// awkward fills root with every case a round trip must keep. other is another client's
// webspace, which a symlink points into.
func awkward(t testing.TB, root, other string, sparseSize int64) *builder {
	b := newBuilder(t, root)
	b.dir(".", 0o751, tNs)
	b.dir("httpdocs", 0o755, tNs)
	b.file("httpdocs/index.php", "<?php echo 'hi';\n", 0o644, tNs)
	b.file("httpdocs/été naïve 日本語.txt", "unicode\n", 0o644, tOld)
	b.file("httpdocs/with space/a b c.txt", "spaces\n", 0o640, tNs)
	b.file("httpdocs/new\nline", "newline in the name\n", 0o644, tNs)
	b.file("httpdocs/bad\xff\xfe utf8", "invalid UTF-8 in the name\n", 0o644, tNs)
	b.file("httpdocs/"+strings.Repeat("n", 200)+"/"+strings.Repeat("m", 99), "300-byte path\n", 0o644, tNs)
	b.file("httpdocs/"+strings.Repeat("c", 255), "255-byte name\n", 0o644, tNs)
	b.file("httpdocs/"+strings.Repeat("deep/", 40)+"bottom", "deep\n", 0o644, tOld)
	b.dir("httpdocs/empty dir", 0o700, tOld)
	b.dir("httpdocs/empty/nested/dirs", 0o755, tNs)
	b.file("httpdocs/empty file", "", 0o644, tNs)
	b.sparse("httpdocs/sparse.img", sparseSize, tNs)
	b.symlink("httpdocs/abs", "/etc", tNs)
	b.symlink("httpdocs/passwd", "/etc/passwd", tOld)
	b.symlink("httpdocs/other-client", other, tNs)
	b.symlink("httpdocs/rel", "../httpdocs/index.php", tNs)
	b.symlink("httpdocs/dangling", "no/such/file", tNs)
	b.symlink("httpdocs/loop1", "loop2", tNs)
	b.symlink("httpdocs/loop2", "loop1", tNs)
	b.symlink("httpdocs/self", "self", tNs)
	b.file("httpdocs/hard/one", "hard-linked content\n", 0o644, tNs)
	b.link("httpdocs/hard/one", "httpdocs/hard/two")
	b.link("httpdocs/hard/one", "httpdocs/hard-three")
	b.dir("httpdocs/setgid", 0o2775, tNs)
	b.file("httpdocs/setgid/tool", "#!/bin/sh\n", 0o2755, tNs)
	b.dir("httpdocs/sticky", 0o1777, tOld)
	if isRoot() { // only root can read what mode 0000 locks
		b.file("httpdocs/zero", "mode 0000\n", 0o000, tNs)
		b.dir("httpdocs/locked", 0o000, tNs)
		b.file("httpdocs/locked/inside", "in a 0000 directory\n", 0o600, tNs)
		b.chown("httpdocs/index.php", 1234, 5678)
		b.chown("httpdocs/index.php", 1234, 5678)
		b.chown("httpdocs/abs", 4321, 8765)
		b.chown("httpdocs/setgid", 33, 33)
	}
	b.done()
	return b
}
