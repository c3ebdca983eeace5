package roundtrip

import (
	"crypto/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"coffre/engine/spec"
	"coffre/internal/testtree"
)

const (
	sparseSize = 8 << 30
	sparseData = 4 << 10
)

// makeSparse writes an 8 GiB file that holds 4 KiB of random data at offset off.
func makeSparse(t *testing.T, p string, off int64) {
	t.Helper()
	must(t, os.MkdirAll(filepath.Dir(p), 0o755))
	f, err := os.Create(p)
	must(t, err)
	must(t, f.Truncate(sparseSize))
	_, err = f.WriteAt([]byte(rand.Text()+strings.Repeat("x", sparseData-26)), off)
	must(t, err)
	must(t, f.Close())
	must(t, os.Chtimes(p, testtree.Recent, testtree.Recent))
}

// allocated is the bytes of disk a file takes.
func allocated(t *testing.T, p string) int64 {
	t.Helper()
	var st syscall.Stat_t
	must(t, syscall.Stat(p, &st))
	return st.Blocks * 512
}

// An 8 GiB sparse file with 4 KiB of data: the archive stores its data and not its holes, in
// GNU tar's sparse format (tar -x makes it sparse again), and a restore writes it sparse, with
// the same content.
func TestSparseFile(t *testing.T) {
	e := newEnv(t, nil, "acme.example")
	root := e.roots["acme.example"]
	big := filepath.Join(root, "httpdocs", "disk.img")
	makeSparse(t, big, 3<<30+12345)
	want := testtree.Snapshot(t, root)
	t0 := time.Now()
	res, err := e.tryBackup(e.spec(false), e.st)
	must(t, err)
	t1 := time.Now()
	name := res.Entry.Name
	e.verify(name)
	t.Logf("backup %v verify %v", t1.Sub(t0), time.Since(t1))

	vol := filepath.Join(e.stDir, name+".tar.zst")
	if fi, err := os.Stat(vol); err != nil || fi.Size() > 64<<10 {
		t.Fatalf("the archive: %v, %d bytes", err, fi.Size())
	}
	checkTarSparse(t, vol)
	tarOut := t.TempDir()
	cmd := exec.Command("sh", "-c", `zstd -dc < "$0" | tar -xf - -C "$1"`, vol, tarOut)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("zstd -d | tar -x: %v\n%s", err, out)
	}
	got := filepath.Join(tarOut, "files", "acme.example", "httpdocs", "disk.img")
	if n := allocated(t, got); n > 1<<20 {
		t.Errorf("tar -x wrote %d bytes of disk, not a sparse file", n)
	}
	testtree.Equal(t, want, testtree.Snapshot(t, filepath.Join(tarOut, "files", "acme.example")))

	to := t.TempDir()
	t0 = time.Now()
	e.mustRestore(spec.Restore{Backup: name, To: to})
	t.Logf("restore %v", time.Since(t0))
	restored := filepath.Join(to, "files", "acme.example")
	if n := allocated(t, filepath.Join(restored, "httpdocs", "disk.img")); n > 1<<20 {
		t.Errorf("the restore wrote %d bytes of disk, not a sparse file", n)
	}
	testtree.Equal(t, want, testtree.Snapshot(t, restored))
}

// checkTarSparse reads the archive with GNU tar's listing: the file is listed by its real name
// and size.
func checkTarSparse(t *testing.T, vol string) {
	t.Helper()
	out, err := exec.Command("sh", "-c", `zstd -dc < "$0" | tar -tvf -`, vol).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "8589934592") || !strings.Contains(string(out), "httpdocs/disk.img") {
		t.Errorf("tar -tv: %v\n%s", err, out)
	}
}
