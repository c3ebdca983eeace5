package index

import (
	"bytes"
	"testing"
)

// TestOlderFormat: an index of format 1 (before Ref entries) still reads; a Ref entry in it is
// refused as corrupt, and the current format keeps Ref entries.
func TestOlderFormat(t *testing.T) {
	entries := []Entry{
		{Path: "files/example.com", Type: Dir, Mode: 0o755, Holder: "b1"},
		{Path: "files/example.com/a", Type: File, Mode: 0o644, Size: 3, Holder: "b1"},
	}
	var old bytes.Buffer
	w, err := newWriter(&old, "b1", 1)
	if err != nil {
		t.Fatal(err)
	}
	for i := range entries {
		if err := w.Add(&entries[i]); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	name, got, err := ReadAll(bytes.NewReader(old.Bytes()))
	if err != nil || name != "b1" || len(got) != 2 || got[1] != entries[1] {
		t.Fatalf("format 1: %q %v %v", name, got, err)
	}
	ref := Entry{Path: "mail/example.com/a@example.com/cur/1.x:2,S", Type: Ref, Mode: 0o600, Size: 3,
		Link: "mail/example.com/a@example.com/new/1.x", Holder: "b1"}
	w, _ = newWriter(&bytes.Buffer{}, "b2", 1)
	if err := w.Add(&ref); err == nil {
		t.Fatal("format 1 took a Ref entry")
	}
	var cur bytes.Buffer
	w, _ = NewWriter(&cur, "b2")
	if err := w.Add(&ref); err != nil {
		t.Fatal(err)
	}
	w.Close()
	if _, got, err := ReadAll(&cur); err != nil || len(got) != 1 || got[0] != ref {
		t.Fatalf("format 2: %v %v", got, err)
	}
}
