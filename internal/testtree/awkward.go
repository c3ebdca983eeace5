package testtree

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// Times the trees use: every one has nanoseconds; Old is before 1970, Future after 2038.
var (
	Old    = time.Date(1950, 1, 2, 3, 4, 5, 123456789, time.UTC)
	Recent = time.Date(2023, 7, 8, 9, 10, 11, 987654321, time.UTC)
	Future = time.Date(2100, 1, 1, 0, 0, 0, 1, time.UTC)
)

// Awkward fills root with every case a backup and a restore must keep. other is
// another client's webspace, which a symlink points into; sparseSize is the size of
// httpdocs/sparse.img. Modes 0000 and ownership are added only when running as root, as
// only root could read them back.
func Awkward(t testing.TB, root, other string, sparseSize int64) *Builder {
	t.Helper()
	b := New(t, root)
	b.Dir(".", 0o751, Recent)
	b.Dir("httpdocs", 0o755, Recent)
	b.File("httpdocs/index.php", "<?php echo 'hi';\n", 0o644, Recent)
	b.awkwardNames()
	b.Dir("httpdocs/empty dir", 0o700, Old)
	b.Dir("httpdocs/empty/nested/dirs", 0o755, Recent)
	b.File("httpdocs/empty file", "", 0o644, Recent)
	b.Sparse("httpdocs/sparse.img", sparseSize, Recent)
	b.holes("httpdocs/holes.img", 16<<20, nil, Recent)
	b.awkwardLinks(other)
	b.awkwardModes()
	b.File("httpdocs/future", "year 2100\n", 0o644, Future)
	if os.Geteuid() == 0 {
		b.File("httpdocs/zero", "mode 0000\n", 0o000, Recent)
		b.Dir("httpdocs/locked", 0o000, Recent)
		b.File("httpdocs/locked/inside", "in a 0000 directory\n", 0o600, Recent)
		b.Chown("httpdocs/index.php", 1234, 5678)
		b.Chown("httpdocs/abs", 4321, 8765)
		b.Chown("httpdocs/setgid", 33, 33)
		for rel, mode := range map[string]fs.FileMode{"httpdocs/setgid/tool": 0o2755, "httpdocs/setuid": 0o4755} {
			b.Chown(rel, 33, 33) // a restore drops these bits from a file owned by root
			b.check(unix.Chmod(b.Path(rel), unixMode(mode)))
		}
	}
	b.Done()
	return b
}

func (b *Builder) awkwardNames() {
	b.t.Helper()
	b.File("httpdocs/été naïve 日本語.txt", "unicode\n", 0o644, Old)
	b.File("httpdocs/café ☕.txt", "emoji\n", 0o644, Recent)
	b.File("httpdocs/with space/a b c.txt", "spaces\n", 0o640, Recent)
	b.File("httpdocs/ lead and trail ", "leading and trailing spaces\n", 0o644, Recent)
	b.File("httpdocs/new\nline", "newline in the name\n", 0o644, Recent)
	b.File("httpdocs/bad\xff\xfe utf8", "invalid UTF-8 in the name\n", 0o644, Recent)
	b.File("httpdocs/"+strings.Repeat("n", 200)+"/"+strings.Repeat("m", 99), "300-byte path\n", 0o644, Recent)
	b.File("httpdocs/"+strings.Repeat("p", 99)+"/"+strings.Repeat("q", 99)+"/"+strings.Repeat("r", 99)+"/end.txt",
		"99-byte components\n", 0o644, Recent)
	b.File("httpdocs/"+strings.Repeat("c", 255), "255-byte name\n", 0o644, Recent)
	b.File("httpdocs/"+strings.Repeat("deep/", 60)+"bottom", "deep\n", 0o644, Old)
}

func (b *Builder) awkwardLinks(other string) {
	b.t.Helper()
	b.Symlink("httpdocs/abs", "/etc", Recent)
	b.Symlink("httpdocs/passwd", "/etc/passwd", Old)
	b.Symlink("httpdocs/other-client", other, Recent)
	b.Symlink("httpdocs/rel", "../httpdocs/index.php", Recent)
	b.Symlink("httpdocs/dangling", "no/such/file", Recent)
	b.Symlink("httpdocs/loop1", "loop2", Recent)
	b.Symlink("httpdocs/loop2", "loop1", Recent)
	b.Symlink("httpdocs/self", "self", Recent)
	b.File("httpdocs/hard/one", "hard-linked content\n", 0o644, Recent)
	b.Link("httpdocs/hard/one", "httpdocs/hard/two")
	b.Link("httpdocs/hard/one", "httpdocs/hard-three")
	b.Link("httpdocs/hard/one", "elsewhere/hard-four")
}

func (b *Builder) awkwardModes() {
	b.t.Helper()
	b.Dir("httpdocs/setgid", 0o2775, Recent)
	b.File("httpdocs/setgid/tool", "#!/bin/sh\n", 0o2755, Recent)
	b.File("httpdocs/setuid", "#!/bin/sh\n", 0o4755, Recent)
	b.Dir("httpdocs/sticky", 0o1777, Old)
}
