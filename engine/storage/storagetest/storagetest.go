package storagetest

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"coffre/engine/storage"
)

// Run checks that the storages made by newStorage keep the Storage contract. newStorage is
// called once per subtest and must return an empty storage.
func Run(t *testing.T, newStorage func(t *testing.T) storage.Storage) {
	tests := []struct {
		name string
		run  func(t *testing.T, s storage.Storage)
	}{
		{"ReadAfterWrite", testReadAfterWrite},
		{"EmptyObject", testEmptyObject},
		{"LargeObjectStreamed", testLargeObject},
		{"PutReplaces", testPutReplaces},
		{"ReplaceIsAtomicForReaders", testReplaceAtomic},
		{"ListSortedAndFiltered", testList},
		{"MissingIsNotFound", testMissing},
		{"Delete", testDelete},
		{"InvalidNamesRefusedBeforeIO", testInvalidNames},
		{"FailingReaderLeavesNothing", testFailingReader},
		{"FailingReaderKeepsOldObject", testFailingReaderKeepsOld},
		{"CancelledContext", testCancelled},
		{"CancelledDuringPut", testCancelledDuringPut},
		{"ConcurrentPuts", testConcurrentPuts},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.run(t, newStorage(t)) })
	}
}

func testReadAfterWrite(t *testing.T, s storage.Storage) {
	ctx := t.Context()
	data := []byte("<?php echo 'hello'; ?>\n")
	n, err := s.Put(ctx, "site.tar.zst", bytes.NewReader(data))
	if err != nil || n != int64(len(data)) {
		t.Fatalf("Put = %d, %v; want %d, nil", n, err, len(data))
	}
	if got := get(t, s, "site.tar.zst"); !bytes.Equal(got, data) {
		t.Fatalf("Open read %q, want %q", got, data)
	}
	info, err := s.Stat(ctx, "site.tar.zst")
	if err != nil || info.Name != "site.tar.zst" || info.Size != int64(len(data)) || info.Modified.IsZero() {
		t.Fatalf("Stat = %+v, %v", info, err)
	}
	wantNames(t, s, "", "site.tar.zst")
}

func testEmptyObject(t *testing.T, s storage.Storage) {
	n, err := s.Put(t.Context(), "empty", bytes.NewReader(nil))
	if err != nil || n != 0 {
		t.Fatalf("Put empty = %d, %v", n, err)
	}
	if got := get(t, s, "empty"); len(got) != 0 {
		t.Fatalf("empty object reads %d bytes", len(got))
	}
	if info, err := s.Stat(t.Context(), "empty"); err != nil || info.Size != 0 {
		t.Fatalf("Stat empty = %+v, %v", info, err)
	}
	wantNames(t, s, "", "empty")
}

func testLargeObject(t *testing.T, s storage.Storage) {
	const size = 5<<20 + 12345
	n, err := s.Put(t.Context(), "big.tar.zst.001", newPattern(size, 1))
	if err != nil || n != size {
		t.Fatalf("Put large = %d, %v", n, err)
	}
	rc, err := s.Open(t.Context(), "big.tar.zst.001")
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	if err := sameStream(rc, newPattern(size, 1)); err != nil {
		t.Fatalf("large object read back: %v", err)
	}
}

func testPutReplaces(t *testing.T, s storage.Storage) {
	put(t, s, "n.manifest.json", "first version, longer than the second")
	put(t, s, "n.manifest.json", "second")
	if got := string(get(t, s, "n.manifest.json")); got != "second" {
		t.Fatalf("after replace read %q", got)
	}
	if info, _ := s.Stat(t.Context(), "n.manifest.json"); info.Size != 6 {
		t.Fatalf("after replace Stat size %d, want 6", info.Size)
	}
	wantNames(t, s, "", "n.manifest.json")
}

func testList(t *testing.T, s storage.Storage) {
	for _, name := range []string{"b_2", "a_1.index.zst", "b_1", "a_1.tar.zst", "c", "a_10"} {
		put(t, s, name, name)
	}
	wantNames(t, s, "", "a_1.index.zst", "a_1.tar.zst", "a_10", "b_1", "b_2", "c")
	wantNames(t, s, "a_1", "a_1.index.zst", "a_1.tar.zst", "a_10")
	wantNames(t, s, "a_1.", "a_1.index.zst", "a_1.tar.zst")
	wantNames(t, s, "b", "b_1", "b_2")
	wantNames(t, s, "zz")
	infos, err := s.List(t.Context(), "c")
	if err != nil || len(infos) != 1 || infos[0].Size != 1 || infos[0].Modified.IsZero() {
		t.Fatalf("List(c) = %+v, %v", infos, err)
	}
}

func testMissing(t *testing.T, s storage.Storage) {
	ctx := t.Context()
	put(t, s, "other", "x")
	if _, err := s.Stat(ctx, "missing"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Stat missing: %v, want ErrNotFound", err)
	}
	if rc, err := s.Open(ctx, "missing"); !errors.Is(err, storage.ErrNotFound) {
		if rc != nil {
			rc.Close()
		}
		t.Errorf("Open missing: %v, want ErrNotFound", err)
	}
	if err := s.Delete(ctx, "missing"); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("Delete missing: %v, want ErrNotFound", err)
	}
}

func testDelete(t *testing.T, s storage.Storage) {
	put(t, s, "keep", "k")
	put(t, s, "gone", "g")
	if err := s.Delete(t.Context(), "gone"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := s.Stat(t.Context(), "gone"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("Stat after Delete: %v, want ErrNotFound", err)
	}
	if err := s.Delete(t.Context(), "gone"); !errors.Is(err, storage.ErrNotFound) {
		t.Fatalf("second Delete: %v, want ErrNotFound", err)
	}
	wantNames(t, s, "", "keep")
}

// put stores content under name or fails the test.
func put(t *testing.T, s storage.Storage, name, content string) {
	t.Helper()
	if _, err := s.Put(t.Context(), name, bytes.NewReader([]byte(content))); err != nil {
		t.Fatalf("Put %s: %v", name, err)
	}
}

// get reads the whole object name or fails the test.
func get(t *testing.T, s storage.Storage, name string) []byte {
	t.Helper()
	rc, err := s.Open(t.Context(), name)
	if err != nil {
		t.Fatalf("Open %s: %v", name, err)
	}
	defer rc.Close()
	data, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return data
}

// wantNames checks that List(prefix) returns exactly names, in that order.
func wantNames(t *testing.T, s storage.Storage, prefix string, names ...string) {
	t.Helper()
	infos, err := s.List(t.Context(), prefix)
	if err != nil {
		t.Fatalf("List(%q): %v", prefix, err)
	}
	var got []string
	for _, in := range infos {
		got = append(got, in.Name)
	}
	if len(got) != len(names) {
		t.Fatalf("List(%q) = %q, want %q", prefix, got, names)
	}
	for i := range got {
		if got[i] != names[i] {
			t.Fatalf("List(%q) = %q, want %q", prefix, got, names)
		}
	}
}
