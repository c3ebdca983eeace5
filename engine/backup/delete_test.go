package backup

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"coffre/engine/manifest"
	"coffre/engine/storage"
)

// Deleting the middle of a chain: its dependents are the later incrementals, and deleting
// them and it leaves the chain's start listed as good with none of their objects.
func TestDeleteMiddleOfChain(t *testing.T) {
	e := newEnv(t)
	must(t, os.WriteFile(filepath.Join(e.root("a.example"), "f.txt"), []byte("one"), 0o644))
	full := e.run(e.spec(false)).Entry.Name
	must(t, os.WriteFile(filepath.Join(e.root("a.example"), "g.txt"), []byte("two"), 0o644))
	mid := e.run(e.spec(true)).Entry.Name
	must(t, os.WriteFile(filepath.Join(e.root("a.example"), "h.txt"), []byte("three"), 0o644))
	last := e.run(e.spec(true)).Entry.Name
	ctx := context.Background()

	deps, err := Dependents(ctx, e.st, mid)
	must(t, err)
	if !slices.Equal(deps, []string{last}) {
		t.Fatalf("dependents of %s = %v, want [%s]", mid, deps, last)
	}
	deps, err = Dependents(ctx, e.st, full)
	must(t, err)
	if !slices.Equal(deps, []string{last, mid}) {
		t.Fatalf("dependents of %s = %v, want [%s %s] (newest first)", full, deps, last, mid)
	}
	for _, n := range []string{last, mid} {
		must(t, Delete(ctx, e.st, n))
	}
	infos, err := e.st.List(ctx, "")
	must(t, err)
	for _, in := range infos {
		if b, _ := manifest.BackupOf(in.Name); b != full {
			t.Errorf("object %s left after its backup was deleted", in.Name)
		}
	}
	list, err := List(ctx, e.st, manifest.Keyring{})
	must(t, err)
	if len(list) != 1 || list[0].Name != full || list[0].Status != StatusOK {
		t.Fatalf("after deleting the middle and its dependent: %+v", list)
	}
	if err := Delete(ctx, e.st, mid); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("deleting a deleted backup: %v, want not found", err)
	}
}

// The manifest goes first: a deletion that fails after it leaves no backup listed.
func TestDeleteRemovesManifestFirst(t *testing.T) {
	e := newEnv(t)
	must(t, os.WriteFile(filepath.Join(e.root("a.example"), "f.txt"), []byte("one"), 0o644))
	name := e.run(e.spec(false)).Entry.Name
	ctx := context.Background()
	failing := storage.NewFaulty(e.st, storage.Fault{Op: storage.OpDelete, Name: manifest.IndexSuffix})
	if err := Delete(ctx, failing, name); err == nil {
		t.Fatal("a failing delete of the index returned nil")
	}
	list, err := List(ctx, e.st, manifest.Keyring{})
	must(t, err)
	if len(list) != 0 {
		t.Fatalf("a half-deleted backup is listed: %+v", list)
	}
}
