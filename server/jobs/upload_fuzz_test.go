package jobs

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"sync/atomic"
	"testing"
	"time"

	"coffre/engine/manifest"
	"coffre/server/store"
)

// An upload's manifest and files are untrusted: whatever they hold, Add and Commit refuse with
// a store.Error (or store a backup that lists as acme's), never panic, never write outside the
// staging folder and the client's storage.
func FuzzUploadManifest(f *testing.F) {
	var stored atomic.Int64
	fx := newFixture(f)
	m := manifest.Manifest{Format: manifest.Format, Name: "acme_x", Client: "acme", Type: manifest.Full,
		Created: time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC), Subscriptions: []string{},
		Volumes: []manifest.Object{{Name: "acme_x.tar.zst", Size: 3, SHA256: "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"}},
		Index:   manifest.Object{Name: "acme_x.index.zst", Size: 0, SHA256: "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"}}
	signed, err := manifest.Sign(m, fx.j.keys.Host)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(signed, []byte("abc"), "acme_x.manifest.json", "acme_x.tar.zst")
	f.Add([]byte(`{"manifest":{}}`), []byte(""), "acme_y.manifest.json", "../x")
	f.Add(bytes.Replace(signed, []byte("acme_x.tar.zst"), []byte("bob_x.tar.zst"), 1), []byte("abc"), "acme_x.manifest.json", "bob_x.tar.zst")
	f.Cleanup(func() {
		if fz := flag.Lookup("test.fuzz"); stored.Load() == 0 && (fz == nil || fz.Value.String() == "") {
			f.Error("no input was stored: the first f.Add input, a sound upload, is refused")
		}
	})
	f.Fuzz(func(t *testing.T, mdata, vol []byte, mname, vname string) {
		u, err := fx.j.NewUpload("acme", "server", 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		defer u.Discard()
		if err := u.Add(mname, bytes.NewReader(mdata)); err != nil {
			mustRefuse(t, err)
			return
		}
		if err := u.Add(vname, bytes.NewReader(vol)); err != nil {
			mustRefuse(t, err)
			return
		}
		u.Add("acme_x.index.zst", bytes.NewReader(nil))
		if _, err := u.Commit(context.Background()); err != nil {
			mustRefuse(t, err)
			return
		}
		stored.Add(1)
		list, err := fx.j.List(context.Background(), "acme", "server")
		if err != nil || len(list) == 0 || list[0].Client != "acme" {
			t.Fatalf("stored, then listed as %+v %v", list, err)
		}
		if _, err := fx.j.Delete(context.Background(), "acme", "server", list[0].Name, true, namesOf(list)); err != nil {
			t.Fatal(err)
		}
	})
}

func mustRefuse(t *testing.T, err error) {
	t.Helper()
	var se *store.Error
	if !errors.As(err, &se) {
		t.Fatalf("refused without a store.Error: %v", err)
	}
}

func namesOf(list []Listed) []string {
	var out []string
	for _, l := range list {
		out = append(out, l.Name)
	}
	return out
}
