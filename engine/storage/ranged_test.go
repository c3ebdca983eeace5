package storage

import (
	"context"
	"errors"
	"io"
	"strings"
	"testing"
)

// OpenAt reads from an offset: a local file seeked, a storage without its own OpenAt read and
// the start dropped, through Retry too; a missing object is not found.
func TestOpenAt(t *testing.T) {
	ctx := context.Background()
	local, err := NewLocal(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	for name, st := range map[string]Storage{"local": local, "mem": NewMem(), "retry": NewRetry(local, RetryOptions{})} {
		if _, err := st.Put(ctx, "obj", strings.NewReader("0123456789")); err != nil {
			t.Fatal(err)
		}
		for _, off := range []int64{0, 4, 10} {
			rc, err := OpenAt(ctx, st, "obj", off)
			if err != nil {
				t.Fatalf("%s at %d: %v", name, off, err)
			}
			got, err := io.ReadAll(rc)
			rc.Close()
			if err != nil || string(got) != "0123456789"[off:] {
				t.Errorf("%s at %d: %q %v", name, off, got, err)
			}
		}
		if _, err := OpenAt(ctx, st, "missing", 3); !errors.Is(err, ErrNotFound) {
			t.Errorf("%s: a missing object: %v", name, err)
		}
	}
}
