package manifest

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"slices"
	"testing"

	"coffre/engine/index"
	"coffre/engine/storage"
)

const idxBackup = "acme_2026-11-25T093000Z_incr"

// indexBytes is a small index of backup name: the webspace root held by an older backup, and
// one file held by name itself.
func indexBytes(t *testing.T, name string) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := index.NewWriter(&buf, name)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range []index.Entry{
		{Path: "files/a.example", Type: index.Dir, Mode: 0o755, Holder: "acme_2026-11-24T093000Z_full"},
		{Path: "files/a.example/f", Type: index.File, Mode: 0o644, Size: 3, Holder: idxBackup},
	} {
		if err := w.Add(&e); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func objectOf(name string, b []byte) Object {
	sum := sha256.Sum256(b)
	return Object{Name: name, Size: int64(len(b)), SHA256: hex.EncodeToString(sum[:])}
}

// readIndex reads the whole index of m through OpenIndex.
func readIndex(st storage.Storage, m Manifest) ([]string, []string, error) {
	ir, err := OpenIndex(context.Background(), st, m)
	if err != nil {
		return nil, nil, err
	}
	defer ir.Close()
	var paths []string
	for {
		e, err := ir.Next()
		if err == io.EOF {
			return paths, ir.Holders(), nil
		}
		if err != nil {
			return nil, nil, err
		}
		paths = append(paths, e.Path)
	}
}

// OpenIndex yields the entries of an index that matches its manifest, and refuses, with an
// error wrapping index.ErrCorrupt, one whose object is not what the manifest describes.
func TestOpenIndex(t *testing.T) {
	good := indexBytes(t, idxBackup)
	other := indexBytes(t, "acme_2026-11-26T093000Z_incr")
	cases := []struct {
		name   string
		stored []byte // the object in the storage
		says   Object // what the manifest says
	}{
		{"matches", good, objectOf(IndexName(idxBackup), good)},
		{"longer than said", append(bytes.Clone(good), 0), objectOf(IndexName(idxBackup), good)},
		{"shorter than said", good[:len(good)-1], objectOf(IndexName(idxBackup), good)},
		{"another SHA-256", good, objectOf(IndexName(idxBackup), append(bytes.Clone(good[:len(good)-1]), 0))},
		{"another backup's index", other, objectOf(IndexName(idxBackup), other)},
	}
	for _, c := range cases {
		st := storage.NewMem()
		if _, err := st.Put(context.Background(), c.says.Name, bytes.NewReader(c.stored)); err != nil {
			t.Fatal(err)
		}
		paths, holders, err := readIndex(st, Manifest{Name: idxBackup, Index: c.says})
		if c.name == "matches" {
			if err != nil || !slices.Equal(paths, []string{"files/a.example", "files/a.example/f"}) ||
				!slices.Equal(holders, []string{"acme_2026-11-24T093000Z_full", idxBackup}) {
				t.Errorf("%s: paths %q, holders %q, err %v", c.name, paths, holders, err)
			}
			continue
		}
		if !errors.Is(err, index.ErrCorrupt) {
			t.Errorf("%s: err = %v, want index.ErrCorrupt", c.name, err)
		}
	}
}

func TestOpenIndexMissing(t *testing.T) {
	m := Manifest{Name: idxBackup, Index: objectOf(IndexName(idxBackup), nil)}
	if _, err := OpenIndex(context.Background(), storage.NewMem(), m); !errors.Is(err, storage.ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
}
