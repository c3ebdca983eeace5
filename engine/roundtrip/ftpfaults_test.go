package roundtrip

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	ftpserver "github.com/fclairamb/ftpserverlib"
	"github.com/spf13/afero"

	"coffre/engine/backup"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/engine/storage/ftp"
	"coffre/engine/storage/ftp/ftptest"
	"coffre/internal/testtree"
)

// serverFault makes an in-process FTP server misbehave on the first upload of a volume, once
// it has received at bytes of it (full: on every upload, from the first byte).
type serverFault struct {
	kind    string // "cut", "short", "full", "hang"; "cutread" cuts the first download of a volume
	sent    int64  // bytes the server read from its files for downloads
	at      int64
	every   bool // on every upload of a volume, not only the first
	mu      sync.Mutex
	fired   bool
	release chan struct{} // closed when the test ends: a hung upload goes on
	stored  int64         // bytes the server wrote, all uploads together
}

func (f *serverFault) wrap(cc ftpserver.ClientContext, fs afero.Fs) afero.Fs {
	return &faultFs{Fs: fs, cc: cc, f: f}
}

type faultFs struct {
	afero.Fs
	cc ftpserver.ClientContext
	f  *serverFault
}

func (fs *faultFs) OpenFile(name string, flag int, perm os.FileMode) (afero.File, error) {
	file, err := fs.Fs.OpenFile(name, flag, perm)
	if err != nil {
		return file, err
	}
	if flag&(os.O_WRONLY|os.O_RDWR) == 0 {
		return fs.reading(name, file), nil
	}
	fs.f.mu.Lock()
	arm := (!fs.f.fired || fs.f.every) && strings.Contains(name, ".tar.zst")
	fs.f.mu.Unlock()
	return &faultFile{File: file, fs: fs, armed: arm}, nil
}

type faultFile struct {
	afero.File
	fs      *faultFs
	armed   bool
	n       int64
	dropped bool
}

func (w *faultFile) Write(p []byte) (int, error) {
	f := w.fs.f
	if w.dropped {
		return len(p), nil // "226" for bytes never stored
	}
	if !w.armed || w.n+int64(len(p)) <= f.at {
		return w.write(p)
	}
	f.mu.Lock()
	f.fired = true
	f.mu.Unlock()
	k, _ := w.write(p[:f.at-w.n])
	switch f.kind {
	case "cut":
		w.fs.cc.Close()
		return k, errors.New("connection cut")
	case "short":
		w.dropped = true
		return len(p), nil
	case "full":
		return k, ftpserver.ErrStorageExceeded
	default: // hang: stop answering until the test ends
		<-f.release
		return k, errors.New("hung")
	}
}

func (w *faultFile) write(p []byte) (int, error) {
	n, err := w.File.Write(p)
	w.n += int64(n)
	w.fs.f.mu.Lock()
	w.fs.f.stored += int64(n)
	w.fs.f.mu.Unlock()
	return n, err
}

// faultEnv is a client whose FTP storage is an in-process server with fault f.
func faultEnv(t *testing.T, f *serverFault, timeout time.Duration) (*env, *ftptest.Server, *storage.Retry) {
	f.release = make(chan struct{})
	t.Cleanup(func() { close(f.release) })
	srv := ftptest.NewServer(t, ftptest.Options{Wrap: f.wrap})
	cfg := srv.Config
	cfg.Timeout = timeout
	st, _ := ftpStorage(t, cfg)
	e := newEnv(t, st, "acme.example")
	smallSite(t, e.roots["acme.example"])
	return e, srv, st
}

func ftpSpec(e *env) spec.Backup {
	s := e.spec(false)
	s.Storage, s.SplitMB = spec.StorageFTP, 1
	return s
}

// serverFiles lists what the server holds, temporary uploads included.
func serverFiles(t *testing.T, fs afero.Fs) []string {
	t.Helper()
	entries, err := afero.ReadDir(fs, "/")
	must(t, err)
	var names []string
	for _, en := range entries {
		names = append(names, en.Name())
	}
	return names
}

// Faults the backup recovers from: the upload is resumed from what the server holds, never
// the whole backup again; the backup verifies and restores.
func TestFTPRecoveredFaults(t *testing.T) {
	for _, kind := range []string{"cut", "short", "hang"} {
		t.Run(kind, func(t *testing.T) {
			f := &serverFault{kind: kind, at: 600 << 10}
			e, srv, st := faultEnv(t, f, 500*time.Millisecond)
			want := testtree.Snapshot(t, e.roots["acme.example"])
			res := e.backup(ftpSpec(e)) // verifies
			if !f.fired {
				t.Fatal("the fault never fired")
			}
			size := res.Entry.Size
			if f.stored > size+int64(1<<20)+(200<<10) {
				t.Errorf("the server received %d bytes for a %d-byte backup: more than one volume re-sent", f.stored, size)
			}
			if peak := st.StagedPeak(); peak > 1<<20 || peak == 0 {
				t.Errorf("staged peak %d, want at most one volume (1 MiB)", peak)
			}
			for _, n := range serverFiles(t, srv.Fs) {
				if strings.Contains(n, ftp.TempMarker) {
					t.Errorf("temporary upload left: %s", n)
				}
			}
			clear(t, e.roots["acme.example"])
			e.mustRestore(spec.Restore{Backup: res.Entry.Name})
			testtree.Equal(t, want, testtree.Snapshot(t, e.roots["acme.example"]))
		})
	}
}

// Faults that end the backup: it fails with the server's words, leaves no manifest and no
// temporary upload, and a permanent refusal is not retried.
func TestFTPFailedBackups(t *testing.T) {
	t.Run("disk full", func(t *testing.T) {
		f := &serverFault{kind: "full", at: 100 << 10, every: true}
		e, srv, _ := faultEnv(t, f, 5*time.Second)
		_, err := e.tryBackup(ftpSpec(e), e.st)
		var re *ftp.ReplyError
		if !errors.As(err, &re) || re.Code != 552 || storage.IsTransient(err) {
			t.Fatalf("backup: %v, want the server's permanent 552", err)
		}
		if f.stored > 200<<10 {
			t.Errorf("the server received %d bytes: the upload was retried", f.stored)
		}
		noBackupLeft(t, e, srv)
	})
	t.Run("stops answering", func(t *testing.T) {
		f := &serverFault{kind: "hang", every: true} // silent from the first byte, every time
		e, srv, _ := faultEnv(t, f, 200*time.Millisecond)
		_, err := e.tryBackup(ftpSpec(e), e.st)
		if !errors.Is(err, ftp.ErrTimeout) {
			t.Fatalf("backup: %v, want the server's silence named", err)
		}
		noBackupLeft(t, e, srv)
	})
	t.Run("cancelled", func(t *testing.T) {
		f := &serverFault{kind: "hang", at: 300 << 10}
		e, srv, _ := faultEnv(t, f, time.Minute)
		ctx, cancel := context.WithCancel(context.Background())
		cancelled := make(chan time.Time, 1)
		go func() {
			for !f.isFired() {
				time.Sleep(5 * time.Millisecond)
			}
			cancelled <- time.Now()
			cancel()
		}()
		_, err := backupCtx(ctx, e, ftpSpec(e))
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("backup: %v, want cancelled", err)
		}
		if d := time.Since(<-cancelled); d > 2*time.Second {
			t.Errorf("the backup ended %v after the cancel, want at most 2s", d)
		}
		noBackupLeft(t, e, srv)
	})
}

func (f *serverFault) isFired() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.fired
}

func backupCtx(ctx context.Context, e *env, s spec.Backup) (backup.Result, error) {
	e.now = e.now.Add(time.Hour)
	return backup.Run(ctx, backup.Options{Account: e.acct, Spec: s, Storage: e.st, HostKey: e.key, Clock: e.clock})
}

// noBackupLeft checks that a failed backup left no manifest, nothing listed and no temporary
// upload on the server.
func noBackupLeft(t *testing.T, e *env, srv *ftptest.Server) {
	t.Helper()
	if names := listed(t, e.st); len(names) != 0 {
		t.Errorf("listed after the failure: %q", names)
	}
	for _, n := range serverFiles(t, srv.Fs) {
		if strings.Contains(n, ".manifest.") || strings.Contains(n, ftp.TempMarker) {
			t.Errorf("left on the server: %s", n)
		}
	}
}

// reading arms a "cutread" fault on the first download of a volume.
func (fs *faultFs) reading(name string, file afero.File) afero.File {
	f := fs.f
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.kind != "cutread" || f.fired || !strings.Contains(name, ".tar.zst") {
		return &countedFile{File: file, f: f}
	}
	f.fired = true
	return &countedFile{File: file, f: f, cut: f.at, cc: fs.cc}
}

// countedFile counts what downloads read and, with cut > 0, cuts the connection there.
type countedFile struct {
	afero.File
	f   *serverFault
	cut int64
	n   int64
	cc  ftpserver.ClientContext
}

func (c *countedFile) Read(p []byte) (int, error) {
	if c.cut > 0 && c.n+int64(len(p)) > c.cut {
		p = p[:c.cut-c.n]
	}
	k, err := c.File.Read(p)
	c.n += int64(k)
	c.f.mu.Lock()
	c.f.sent += int64(k)
	c.f.mu.Unlock()
	if c.cut > 0 && c.n == c.cut {
		c.cc.Close()
		return k, errors.New("connection cut")
	}
	return k, err
}

// A download cut half-way goes on from where it stopped: the restore reads each byte once
// and restores the tree.
func TestFTPDownloadCutResumes(t *testing.T) {
	f := &serverFault{kind: "cutread", at: 500 << 10}
	e, _, st := faultEnv(t, f, time.Second)
	want := testtree.Snapshot(t, e.roots["acme.example"])
	res := e.backup(ftpSpec(e))
	once, err := storage.NewReadOnce(st, t.TempDir())
	must(t, err)
	e.st = once
	f.mu.Lock()
	f.fired, f.sent = false, 0
	f.mu.Unlock()
	to := t.TempDir()
	e.mustRestore(spec.Restore{Backup: res.Entry.Name, To: to})
	testtree.Equal(t, want, testtree.Snapshot(t, to+"/files/acme.example"))
	if !f.isFired() {
		t.Fatal("no download was cut")
	}
	if f.sent > res.Entry.Size+(1<<20) {
		t.Errorf("the server sent %d bytes for a %d-byte backup", f.sent, res.Entry.Size)
	}
}
