package storagetest

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"coffre/engine/storage"
)

// invalidNames are refused by every method before any I/O.
var invalidNames = []string{
	"", ".", "..", "../etc", "a/b", "/abs", "a\\b", ".hidden", ".tmp-x", "-rf",
	"a\x00b", "a\nb", "a\rb", "tab\tname", "sp ace", "été", strings.Repeat("a", 201),
}

func testInvalidNames(t *testing.T, s storage.Storage) {
	ctx := t.Context()
	for _, name := range invalidNames {
		r := &touchReader{}
		if _, err := s.Put(ctx, name, r); !errors.Is(err, storage.ErrInvalidName) || r.touched {
			t.Errorf("Put(%q): %v, reader read %v; want ErrInvalidName, unread", name, err, r.touched)
		}
		if rc, err := s.Open(ctx, name); !errors.Is(err, storage.ErrInvalidName) {
			if rc != nil {
				rc.Close()
			}
			t.Errorf("Open(%q): %v, want ErrInvalidName", name, err)
		}
		if _, err := s.Stat(ctx, name); !errors.Is(err, storage.ErrInvalidName) {
			t.Errorf("Stat(%q): %v, want ErrInvalidName", name, err)
		}
		if err := s.Delete(ctx, name); !errors.Is(err, storage.ErrInvalidName) {
			t.Errorf("Delete(%q): %v, want ErrInvalidName", name, err)
		}
		if name == "" {
			continue // "" is the List prefix for everything
		}
		if _, err := s.List(ctx, name); !errors.Is(err, storage.ErrInvalidName) {
			t.Errorf("List(%q): %v, want ErrInvalidName", name, err)
		}
	}
	wantNames(t, s, "")
}

func testFailingReader(t *testing.T, s storage.Storage) {
	cause := errors.New("disk read error")
	r := io.MultiReader(newPattern(300<<10, 2), &errReader{cause})
	if _, err := s.Put(t.Context(), "half.tar.zst", r); !errors.Is(err, cause) {
		t.Fatalf("Put with failing reader: %v, want the reader's error", err)
	}
	wantNames(t, s, "")
	if _, err := s.Stat(t.Context(), "half.tar.zst"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("Stat after failed Put: %v, want ErrNotFound", err)
	}
}

func testFailingReaderKeepsOld(t *testing.T, s storage.Storage) {
	put(t, s, "n.index.zst", "old index")
	cause := errors.New("connection reset")
	r := io.MultiReader(strings.NewReader("new index, half"), &errReader{cause})
	if _, err := s.Put(t.Context(), "n.index.zst", r); !errors.Is(err, cause) {
		t.Fatalf("Put with failing reader: %v, want the reader's error", err)
	}
	if got := string(get(t, s, "n.index.zst")); got != "old index" {
		t.Fatalf("after failed replace read %q, want the old object", got)
	}
	wantNames(t, s, "", "n.index.zst")
}

func testCancelled(t *testing.T, s storage.Storage) {
	put(t, s, "present", "p")
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	r := &touchReader{}
	if _, err := s.Put(ctx, "new", r); !errors.Is(err, context.Canceled) {
		t.Errorf("Put: %v, want context.Canceled", err)
	}
	if rc, err := s.Open(ctx, "present"); !errors.Is(err, context.Canceled) {
		if rc != nil {
			rc.Close()
		}
		t.Errorf("Open: %v, want context.Canceled", err)
	}
	if _, err := s.List(ctx, ""); !errors.Is(err, context.Canceled) {
		t.Errorf("List: %v, want context.Canceled", err)
	}
	if _, err := s.Stat(ctx, "present"); !errors.Is(err, context.Canceled) {
		t.Errorf("Stat: %v, want context.Canceled", err)
	}
	if err := s.Delete(ctx, "present"); !errors.Is(err, context.Canceled) {
		t.Errorf("Delete: %v, want context.Canceled", err)
	}
	wantNames(t, s, "", "present")
}

func testCancelledDuringPut(t *testing.T, s storage.Storage) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	// The reader cancels the context after 1 MiB and would go on for 8 MiB more.
	rest := &countReader{r: newPattern(8<<20, 4)}
	r := io.MultiReader(newPattern(1<<20, 3), &cancelReader{cancel}, rest)
	if _, err := s.Put(ctx, "cancelled", r); !errors.Is(err, context.Canceled) {
		t.Fatalf("Put cancelled half-way: %v, want context.Canceled", err)
	}
	if rest.n >= 8<<20 {
		t.Errorf("Put read all %d bytes after the cancel: it must stop promptly", rest.n)
	}
	wantNames(t, s, "")
}

func testConcurrentPuts(t *testing.T, s storage.Storage) {
	const n = 8
	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := range n {
		wg.Go(func() {
			name := fmt.Sprintf("vol.%03d", i)
			if _, err := s.Put(t.Context(), name, newPattern(200<<10+i, int64(i))); err != nil {
				errs <- err
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatalf("concurrent Put: %v", err)
	}
	for i := range n {
		rc, err := s.Open(t.Context(), fmt.Sprintf("vol.%03d", i))
		if err != nil {
			t.Fatal(err)
		}
		if err := sameStream(rc, newPattern(200<<10+i, int64(i))); err != nil {
			t.Errorf("vol.%03d: %v", i, err)
		}
		rc.Close()
	}
}

// testReplaceAtomic replaces an object while readers read it: each read is one whole version.
func testReplaceAtomic(t *testing.T, s storage.Storage) {
	versions := [][]byte{bytes.Repeat([]byte("A"), 64<<10), bytes.Repeat([]byte("B"), 200<<10)}
	if _, err := s.Put(t.Context(), "obj", bytes.NewReader(versions[0])); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		defer close(done)
		for i := range 20 {
			if _, err := s.Put(t.Context(), "obj", bytes.NewReader(versions[(i+1)%2])); err != nil {
				t.Errorf("Put: %v", err)
				return
			}
		}
	})
	for range 2 {
		wg.Go(func() { readWhole(t, s, done, versions) })
	}
	wg.Wait()
}

// readWhole reads obj until done, checking that each read is one of versions.
func readWhole(t *testing.T, s storage.Storage, done <-chan struct{}, versions [][]byte) {
	for {
		select {
		case <-done:
			return
		default:
		}
		rc, err := s.Open(t.Context(), "obj")
		if err != nil {
			t.Errorf("Open during replace: %v", err)
			return
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(data, versions[0]) && !bytes.Equal(data, versions[1]) {
			t.Errorf("read during replace: %d bytes, %v: a mix of versions", len(data), err)
			return
		}
	}
}
