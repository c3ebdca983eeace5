package storage_test

import (
	"bytes"
	"io"
	"testing"

	"coffre/engine/storage"
	"coffre/engine/storage/storagetest"
)

func TestReadOnceConformance(t *testing.T) {
	storagetest.Run(t, func(t *testing.T) storage.Storage {
		r, err := storage.NewReadOnce(storage.NewMem(), t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		return r
	})
}

// Each object is read from the wrapped storage once, however often it is opened; a Put of it
// makes the next Open read it again.
func TestReadOnceTransfersOnce(t *testing.T) {
	ctx := t.Context()
	f := storage.NewFaulty(storage.NewMem())
	r, err := storage.NewReadOnce(f, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	data := randomBytes(3 << 20)
	if _, err := r.Put(ctx, "n.tar.zst.001", bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	read := func() []byte {
		rc, err := r.Open(ctx, "n.tar.zst.001")
		if err != nil {
			t.Fatal(err)
		}
		defer rc.Close()
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	for range 3 {
		if !bytes.Equal(read(), data) {
			t.Fatal("read back differs")
		}
	}
	if got := f.Calls(storage.OpOpen); got != 1 {
		t.Fatalf("%d transfers for three reads, want 1", got)
	}
	if _, err := r.Put(ctx, "n.tar.zst.001", bytes.NewReader([]byte("new"))); err != nil {
		t.Fatal(err)
	}
	if got := string(read()); got != "new" || f.Calls(storage.OpOpen) != 2 {
		t.Fatalf("after a Put read %q in %d transfers", got, f.Calls(storage.OpOpen))
	}
}
