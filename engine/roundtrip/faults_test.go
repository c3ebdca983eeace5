package roundtrip

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coffre/engine/backup"
	"coffre/engine/manifest"
	"coffre/engine/restore"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/engine/verify"
	"coffre/internal/testtree"
)

// smallSite fills a webspace with about 3 MB that does not compress: several volumes of 1 MiB.
func smallSite(t testing.TB, root string) *testtree.Builder {
	b := testtree.New(t, root)
	rnd := rand.NewChaCha8([32]byte{1})
	for i := range 40 {
		body := make([]byte, 40<<10+i*1000)
		rnd.Read(body)
		b.File(fmt.Sprintf("httpdocs/dir%d/file%02d.bin", i%5, i), string(body), 0o644, testtree.Recent)
	}
	b.Done()
	return b
}

func listed(t testing.TB, st storage.Storage) []string {
	t.Helper()
	entries, err := backup.List(context.Background(), st, manifest.Keyring{})
	must(t, err)
	var names []string
	for _, en := range entries {
		names = append(names, en.Name)
	}
	return names
}

// A storage that breaks after N bytes leaves no listed backup; the next backup and its verify
// pass, and it restores.
func TestStorageFailsAfterBytes(t *testing.T) {
	for _, after := range []int64{1, 50 << 10, 300 << 10} {
		e := newEnv(t, storage.NewMem(), "acme.example")
		smallSite(t, e.roots["acme.example"])
		want := testtree.Snapshot(t, e.roots["acme.example"])
		faulty := storage.NewFaulty(e.st, storage.Fault{Op: storage.OpPut, AfterBytes: after})
		s := e.spec(false)
		s.SplitMB = 1
		if _, err := e.tryBackup(s, faulty); !errors.Is(err, storage.ErrInjected) {
			t.Fatalf("after %d bytes: backup err = %v, want the injected fault", after, err)
		}
		if names := listed(t, e.st); len(names) != 0 {
			t.Fatalf("after %d bytes: listed %q", after, names)
		}
		name := e.backup(s).Entry.Name
		clear(t, e.roots["acme.example"])
		e.mustRestore(spec.Restore{Backup: name})
		testtree.Equal(t, want, testtree.Snapshot(t, e.roots["acme.example"]))
	}
}

// A backup killed before its manifest (volumes and index stored, no manifest) is not listed,
// its leftovers go at the next backup, which verifies.
func TestKilledBackup(t *testing.T) {
	e := newEnv(t, nil, "acme.example")
	smallSite(t, e.roots["acme.example"])
	killed := e.backup(e.spec(false)).Entry.Name
	must(t, e.st.Delete(context.Background(), manifest.ManifestName(killed)))
	partial := killed + "-2" + manifest.ArchiveSuffix + ".001"
	must(t, os.WriteFile(filepath.Join(e.stDir, partial), []byte("half a volume"), 0o600))
	if names := listed(t, e.st); len(names) != 0 {
		t.Fatalf("listed %q", names)
	}
	next := e.backup(e.spec(true))
	if next.Entry.Type != manifest.Full {
		t.Errorf("the backup after a killed one is %s, want full", next.Entry.Type)
	}
	left, err := e.st.List(context.Background(), killed)
	must(t, err)
	for _, o := range left {
		if !strings.HasPrefix(o.Name, next.Entry.Name) {
			t.Errorf("leftover %s", o.Name)
		}
	}
}

// One flipped byte in a volume: verify names the volume; restore refuses before writing.
func TestFlippedByte(t *testing.T) {
	e := newEnv(t, nil, "acme.example")
	b := smallSite(t, e.roots["acme.example"])
	s := e.spec(false)
	s.SplitMB = 1
	full := e.backup(s).Entry
	b.File("httpdocs/new.txt", "new", 0o644, testtree.Recent)
	incr := e.backup(e.spec(true)).Entry
	vol := full.Volumes[1].Name
	flip(t, filepath.Join(e.stDir, vol))

	rep, err := verify.Run(context.Background(), e.st, full.Name, e.pub())
	if !errors.Is(err, verify.ErrFailed) || len(rep.Problems) == 0 || rep.Problems[0].Object != vol {
		t.Errorf("verify: %v, problems %+v; want the volume %s named", err, rep.Problems, vol)
	}
	dirty(t, e.roots["acme.example"])
	before := testtree.Snapshot(t, e.roots["acme.example"])
	to := filepath.Join(t.TempDir(), "to")
	for _, r := range []spec.Restore{{Backup: full.Name}, {Backup: full.Name, To: to}, {Backup: incr.Name}} {
		_, err := e.restore(r)
		if err == nil || !strings.Contains(err.Error(), vol) {
			t.Errorf("restore %s: err = %v, want the volume %s named", r.Backup, err, vol)
		}
	}
	if _, err := e.restore(spec.Restore{Backup: incr.Name}); !errors.Is(err, backup.ErrBrokenChain) {
		t.Errorf("restore of the incremental: %v, want a broken chain", err)
	}
	testtree.Equal(t, before, testtree.Snapshot(t, e.roots["acme.example"]))
	if _, err := os.Lstat(to); !os.IsNotExist(err) {
		t.Errorf("--to directory made: %v", err)
	}
}

// One flipped byte in an index: verify names the index; restore refuses before writing; the
// next backup does not build on it and starts a new chain.
func TestFlippedIndexByte(t *testing.T) {
	e := newEnv(t, nil, "acme.example")
	smallSite(t, e.roots["acme.example"])
	full := e.backup(e.spec(false)).Entry
	idx := manifest.IndexName(full.Name)
	flip(t, filepath.Join(e.stDir, idx))

	rep, err := verify.Run(context.Background(), e.st, full.Name, e.pub())
	if !errors.Is(err, verify.ErrFailed) || len(rep.Problems) == 0 || rep.Problems[0].Object != idx {
		t.Errorf("verify: %v, problems %+v; want the index named", err, rep.Problems)
	}
	dirty(t, e.roots["acme.example"])
	before := testtree.Snapshot(t, e.roots["acme.example"])
	if _, err := e.restore(spec.Restore{Backup: full.Name}); !errors.Is(err, restore.ErrIndex) {
		t.Errorf("restore: %v, want ErrIndex", err)
	}
	testtree.Equal(t, before, testtree.Snapshot(t, e.roots["acme.example"]))
	if next := e.backup(e.spec(true)).Entry; next.Type != manifest.Full {
		t.Errorf("next backup is %s on parent %q, want a full one", next.Type, next.Parent)
	}
}

func flip(t testing.TB, p string) {
	t.Helper()
	b, err := os.ReadFile(p)
	must(t, err)
	b[len(b)/2] ^= 0x01
	must(t, os.WriteFile(p, b, 0o600))
}

// A missing link of the chain is named; an edited manifest or one signed by another host is
// refused.
func TestBrokenChainAndSignatures(t *testing.T) {
	e := newEnv(t, nil, "acme.example")
	b := smallSite(t, e.roots["acme.example"])
	full := e.backup(e.spec(false)).Entry.Name
	b.File("httpdocs/new.txt", "new", 0o644, testtree.Recent)
	incr := e.backup(e.spec(true)).Entry.Name
	b.File("httpdocs/newer.txt", "newer", 0o644, testtree.Recent)
	last := e.backup(e.spec(true)).Entry.Name

	mpath := filepath.Join(e.stDir, manifest.ManifestName(incr))
	orig, err := os.ReadFile(mpath)
	must(t, err)
	must(t, os.WriteFile(mpath, []byte(strings.Replace(string(orig), `"files": `, `"files": 1`, 1)), 0o600))
	if _, err := e.restore(spec.Restore{Backup: incr}); !errors.Is(err, manifest.ErrSignature) && !errors.Is(err, manifest.ErrInvalid) {
		t.Errorf("edited manifest: %v, want refused", err)
	}
	must(t, os.WriteFile(mpath, orig, 0o600))

	other := newEnv(t, e.st, "acme.example")
	copy(other.key[:32], "another host's key, not this one")
	other.key = ed25519NewKey(other.key[:32])
	if _, err := other.restore(spec.Restore{Backup: full}); !errors.Is(err, manifest.ErrSignature) {
		t.Errorf("another host's key: %v, want ErrSignature", err)
	}
	if _, err := verify.Run(context.Background(), e.st, full, other.pub()); !errors.Is(err, verify.ErrFailed) {
		t.Errorf("verify with another host's key: %v, want a failure", err)
	}

	must(t, e.st.Delete(context.Background(), manifest.ManifestName(full)))
	_, err = e.restore(spec.Restore{Backup: last})
	if !errors.Is(err, backup.ErrBrokenChain) || !strings.Contains(err.Error(), full) {
		t.Errorf("missing full: %v, want a broken chain naming %s", err, full)
	}
	rep, err := verify.Run(context.Background(), e.st, last, e.pub())
	named := false
	for _, p := range rep.Problems {
		named = named || p.Object == manifest.ManifestName(full)
	}
	if !errors.Is(err, verify.ErrFailed) || !named {
		t.Errorf("verify with the full missing: %v, problems %+v; want %s named", err, rep.Problems, full)
	}
}
