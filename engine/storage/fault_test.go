package storage_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"

	"coffre/engine/storage"
)

func TestFaultyFailsPutAfterBytes(t *testing.T) {
	for _, inner := range []struct {
		name string
		new  func(t *testing.T) storage.Storage
	}{
		{"mem", func(t *testing.T) storage.Storage { return storage.NewMem() }},
		{"local", func(t *testing.T) storage.Storage {
			s, err := storage.NewLocal(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			return s
		}},
	} {
		t.Run(inner.name, func(t *testing.T) {
			s := storage.NewFaulty(inner.new(t), storage.Fault{Op: storage.OpPut, AfterBytes: 1000})
			data := bytes.Repeat([]byte("v"), 5000)
			if _, err := s.Put(t.Context(), "n.tar.zst", bytes.NewReader(data)); !errors.Is(err, storage.ErrInjected) {
				t.Fatalf("Put: %v, want ErrInjected", err)
			}
			if infos, err := s.List(t.Context(), ""); err != nil || len(infos) != 0 {
				t.Fatalf("List after a broken Put = %+v, %v; want nothing", infos, err)
			}
			// An object shorter than AfterBytes passes whole.
			if _, err := s.Put(t.Context(), "small", strings.NewReader("tiny")); err != nil {
				t.Fatalf("short Put: %v", err)
			}
		})
	}
}

func TestFaultyFailsNthMatchingCall(t *testing.T) {
	ctx := t.Context()
	s := storage.NewFaulty(storage.NewMem(), storage.Fault{Op: storage.OpPut, Name: ".manifest.", Call: 2})
	names := []string{"a.tar.zst", "a.manifest.json", "b.tar.zst", "b.manifest.json", "c.manifest.json"}
	want := []bool{true, true, true, false, true} // only the second manifest fails
	for i, name := range names {
		_, err := s.Put(ctx, name, strings.NewReader(name))
		if ok := err == nil; ok != want[i] {
			t.Errorf("Put %s: %v, want success %v", name, err, want[i])
		}
		if err != nil && !errors.Is(err, storage.ErrInjected) {
			t.Errorf("Put %s: %v, want ErrInjected", name, err)
		}
	}
	if got := s.Calls(storage.OpPut); got != len(names) {
		t.Errorf("Calls(put) = %d, want %d", got, len(names))
	}
	if _, err := s.Stat(ctx, "b.manifest.json"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("the failed Put stored something: %v", err)
	}
}

func TestFaultyFailsEveryCallOfAnOp(t *testing.T) {
	ctx := t.Context()
	cause := errors.New("530 login incorrect")
	s := storage.NewFaulty(storage.NewMem())
	if _, err := s.Put(ctx, "x", strings.NewReader("x")); err != nil {
		t.Fatal(err)
	}
	s.Inject(storage.Fault{Op: storage.OpList, Err: cause})
	s.Inject(storage.Fault{Op: storage.OpStat})
	s.Inject(storage.Fault{Op: storage.OpDelete})
	for range 2 {
		if _, err := s.List(ctx, ""); !errors.Is(err, storage.ErrInjected) || !errors.Is(err, cause) {
			t.Errorf("List: %v, want ErrInjected wrapping the cause", err)
		}
		if _, err := s.Stat(ctx, "x"); !errors.Is(err, storage.ErrInjected) {
			t.Errorf("Stat: %v, want ErrInjected", err)
		}
		if err := s.Delete(ctx, "x"); !errors.Is(err, storage.ErrInjected) {
			t.Errorf("Delete: %v, want ErrInjected", err)
		}
	}
	if rc, err := s.Open(ctx, "x"); err != nil {
		t.Errorf("Open, with no fault for it: %v", err)
	} else {
		rc.Close()
	}
}

func TestFaultyBreaksOpenReads(t *testing.T) {
	ctx := t.Context()
	mem := storage.NewMem()
	s := storage.NewFaulty(mem)
	data := bytes.Repeat([]byte("0123456789"), 100)
	if _, err := s.Put(ctx, "n.tar.zst", bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	s.Inject(storage.Fault{Op: storage.OpOpen, Name: ".tar.zst", AfterBytes: 250})
	rc, err := s.Open(ctx, "n.tar.zst")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	got, err := io.ReadAll(rc)
	if !errors.Is(err, storage.ErrInjected) || !bytes.Equal(got, data[:250]) {
		t.Fatalf("read %d bytes, %v; want the first 250, then ErrInjected", len(got), err)
	}
	s = storage.NewFaulty(mem, storage.Fault{Op: storage.OpOpen, Call: 1})
	if _, err := s.Open(ctx, "n.tar.zst"); !errors.Is(err, storage.ErrInjected) {
		t.Fatalf("Open with a call fault: %v, want ErrInjected", err)
	}
}
