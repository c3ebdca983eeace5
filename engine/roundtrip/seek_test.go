package roundtrip

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"coffre/engine/archive"
	"coffre/engine/manifest"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/internal/testtree"
)

// countingStore counts the bytes a restore reads from the volumes, by whole opens and by ranges.
type countingStore struct {
	*storage.Local
	read atomic.Int64
}

func (c *countingStore) Open(ctx context.Context, name string) (io.ReadCloser, error) {
	rc, err := c.Local.Open(ctx, name)
	if err != nil {
		return nil, err
	}
	return &countedRC{rc, &c.read}, nil
}

func (c *countingStore) OpenAt(ctx context.Context, name string, off int64) (io.ReadCloser, error) {
	rc, err := c.Local.OpenAt(ctx, name, off)
	if err != nil {
		return nil, err
	}
	return &countedRC{rc, &c.read}, nil
}

type countedRC struct {
	io.ReadCloser
	n *atomic.Int64
}

func (r *countedRC) Read(p []byte) (int, error) {
	k, err := r.ReadCloser.Read(p)
	r.n.Add(int64(k))
	return k, err
}

var _ storage.RangeOpener = (*countingStore)(nil)

// seekSite is a webspace of 48 files of 512 KiB that do not compress (12 frames of the archive)
// and a few small ones.
func seekSite(t *testing.T) (*env, *countingStore) {
	dir := filepath.Join(t.TempDir(), "storage")
	local, err := storage.NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	cs := &countingStore{Local: local}
	e := newEnv(t, cs, "acme.example")
	e.stDir = dir
	b := testtree.New(t, e.roots["acme.example"])
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 48; i++ {
		data := make([]byte, 512<<10)
		for j := range data {
			data[j] = byte(rng.Uint32())
		}
		b.File(fmt.Sprintf("httpdocs/media/m%02d.bin", i), string(data), 0o644, testtree.Recent)
	}
	b.File("httpdocs/a.txt", "odd", 0o644, testtree.Recent) // the next entry starts after padding
	b.File("httpdocs/index.php", "<?php echo 1;", 0o644, testtree.Recent)
	b.Done()
	return e, cs
}

func volumeBytes(t *testing.T, st storage.Storage, name string) int64 {
	m, err := manifest.Load(context.Background(), st, name)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, v := range m.Volumes {
		n += v.Size
	}
	return n
}

// A restore of one file reads only the frames that hold it, and restores it byte for byte.
func TestSelectiveRestoreReadsOnlyItsFrames(t *testing.T) {
	e, cs := seekSite(t)
	root := e.roots["acme.example"]
	want := testtree.Snapshot(t, filepath.Join(root, "httpdocs", "media"))
	name := e.backup(e.spec(false)).Entry.Name
	size := volumeBytes(t, cs, name)
	for _, rel := range []string{"httpdocs/media/m17.bin", "httpdocs/index.php"} {
		orig, _ := os.ReadFile(filepath.Join(root, rel))
		to := filepath.Join(t.TempDir(), "to")
		cs.read.Store(0)
		e.mustRestore(spec.Restore{Backup: name, Paths: []string{rel}, To: to})
		got, err := os.ReadFile(filepath.Join(to, "files", "acme.example", rel))
		if err != nil || !bytes.Equal(got, orig) {
			t.Fatalf("%s restored: %d bytes, %v", rel, len(got), err)
		}
		if read := cs.read.Load(); read*5 > size {
			t.Errorf("%s: read %d bytes of a %d-byte backup, want under 20%%", rel, read, size)
		} else {
			t.Logf("%s: read %d bytes of a %d-byte backup", rel, read, size)
		}
	}
	to := filepath.Join(t.TempDir(), "to")
	e.mustRestore(spec.Restore{Backup: name, Paths: []string{"httpdocs/media"}, To: to})
	testtree.Equal(t, want, testtree.Snapshot(t, filepath.Join(to, "files", "acme.example", "httpdocs", "media")))
}

// A changed byte in the frame that holds the file stops the restore (the frame's SHA-256 is in
// the index), although the whole volume is not read.
func TestSelectiveRestoreChecksItsFrames(t *testing.T) {
	e, cs := seekSite(t)
	name := e.backup(e.spec(false)).Entry.Name
	m, err := manifest.Load(context.Background(), cs, name)
	if err != nil {
		t.Fatal(err)
	}
	vol := filepath.Join(e.stDir, m.Volumes[0].Name)
	data, err := os.ReadFile(vol)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 1 // in the middle of the media files
	if err := os.WriteFile(vol, data, 0o600); err != nil {
		t.Fatal(err)
	}
	var hit bool
	for i := 0; i < 48; i++ {
		_, err := e.restore(spec.Restore{Backup: name, Paths: []string{fmt.Sprintf("httpdocs/media/m%02d.bin", i)},
			To: filepath.Join(t.TempDir(), "to")})
		if errors.Is(err, archive.ErrCorrupt) {
			hit = true
		} else if err != nil {
			t.Errorf("m%02d: %v", i, err)
		}
	}
	if !hit {
		t.Error("no restore saw the changed byte")
	}
}
