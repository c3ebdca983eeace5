package roundtrip

import (
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/engine/storage/ftp"
	"coffre/engine/storage/ftp/ftptest"
	"coffre/internal/testtree"
)

// ftpStorage opens cfg behind Retry, as the server does, with waits skipped.
func ftpStorage(t testing.TB, cfg ftp.Config) (*storage.Retry, *ftp.Storage) {
	t.Helper()
	st, err := ftp.New(context.Background(), cfg)
	if err != nil {
		t.Fatalf("ftp.New: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	r := storage.NewRetry(st, storage.RetryOptions{StageDir: t.TempDir(),
		Sleep: func(ctx context.Context, _ time.Duration) error { return ctx.Err() }})
	return r, st
}

// A multi-volume chain full -> incremental -> incremental kept on vsftpd over explicit FTPS
// restores every state byte for byte, and its volumes, concatenated, are a plain .tar.zst.
func TestChainOnVsftpd(t *testing.T) {
	v := ftptest.StartVsftpd(t, ftp.TLSExplicit)
	st, _ := ftpStorage(t, v.Config)
	e := newEnv(t, st, "acme.example")
	root := e.roots["acme.example"]
	b := smallSite(t, root)
	var names []string
	var states []testtree.Tree
	capture := func(incremental bool) {
		s := e.spec(incremental)
		s.Storage, s.SplitMB = spec.StorageFTP, 1
		states = append(states, testtree.Snapshot(t, root))
		names = append(names, e.backup(s).Entry.Name)
	}
	capture(false)
	b.File("httpdocs/new.txt", "added", 0o644, testtree.Recent.Add(time.Hour))
	rm(t, b, "httpdocs/dir1")
	capture(true)
	b.File("httpdocs/dir0/file00.bin", "rewritten", 0o600, testtree.Recent.Add(2*time.Hour))
	capture(true)

	for i, name := range names {
		to := filepath.Join(t.TempDir(), "to")
		e.mustRestore(spec.Restore{Backup: name, To: to})
		testtree.Equal(t, states[i], testtree.Snapshot(t, filepath.Join(to, "files", "acme.example")))
	}
	vols, _ := filepath.Glob(filepath.Join(v.Root, "up", names[0]+".tar.zst.*"))
	if len(vols) < 3 {
		t.Fatalf("the full backup has %d volumes on the server, want 3 or more", len(vols))
	}

	cmd := exec.Command("sh", append([]string{"-c", `cat "$@" | zstd -dc | tar -t`, "sh"}, vols...)...)
	if out, err := cmd.Output(); err != nil || !strings.Contains(string(out), "files/acme.example/httpdocs/dir0/file00.bin") {
		t.Fatalf("cat of the volumes | zstd -d | tar -t: %v\n%s", err, out)
	}
	if left, _ := filepath.Glob(filepath.Join(v.Root, "up", "*"+ftp.TempMarker+"*")); len(left) > 0 {
		t.Fatalf("temporary uploads left on the server: %q", left)
	}
}

// A restore from FTP through ReadOnce transfers each object of the backup once, although it
// checks every volume before extracting from it.
func TestRestoreFromFTPTransfersEachVolumeOnce(t *testing.T) {
	srv := ftptest.NewServer(t, ftptest.Options{})
	st, _ := ftpStorage(t, srv.Config)
	e := newEnv(t, st, "acme.example")
	want := testtree.Snapshot(t, smallSite(t, e.roots["acme.example"]).Path(""))
	s := e.spec(false)
	s.Storage, s.SplitMB = spec.StorageFTP, 1
	res := e.backup(s)
	counted := storage.NewFaulty(st)
	once, err := storage.NewReadOnce(counted, t.TempDir())
	must(t, err)
	e.st = once
	to := filepath.Join(t.TempDir(), "to")
	e.mustRestore(spec.Restore{Backup: res.Entry.Name, To: to})
	testtree.Equal(t, want, testtree.Snapshot(t, filepath.Join(to, "files", "acme.example")))
	objects := len(res.Entry.Volumes) + 2 // the volumes, the index and the manifest
	if got := counted.Calls(storage.OpOpen); got > objects {
		t.Fatalf("%d transfers for a backup of %d objects", got, objects)
	}
}
