package backup

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"

	"coffre/engine/manifest"
	"coffre/engine/storage"
	"coffre/internal/testtree"
)

// decompressed is the whole tar stream of a backup.
func (e *env) decompressed(name string) []byte {
	var all bytes.Buffer
	for _, v := range e.manifest(name).Volumes {
		rc, err := e.st.Open(context.Background(), v.Name)
		must(e.t, err)
		io.Copy(&all, rc)
		rc.Close()
	}
	zr, err := zstd.NewReader(&all)
	must(e.t, err)
	defer zr.Close()
	out, err := io.ReadAll(zr)
	must(e.t, err)
	return out
}

func TestLinksOutOfTheWebspaceAreStoredAsLinksOnly(t *testing.T) {
	e := newEnv(t)
	other := filepath.Join(e.dir, "vhosts", "other-client.example")
	testtree.Build(t, other, []testtree.Item{{Path: "httpdocs/secret.txt", Data: "SECRET-OF-ANOTHER-CLIENT"}})
	passwd, err := os.ReadFile("/etc/passwd")
	must(t, err)
	testtree.Build(t, e.root("a.example"), []testtree.Item{
		{Path: "httpdocs/shadow", Kind: testtree.Symlink, Link: "/etc/shadow"},
		{Path: "httpdocs/passwd", Kind: testtree.Symlink, Link: "/etc/passwd"},
		{Path: "httpdocs/etc", Kind: testtree.Symlink, Link: "/etc"},
		{Path: "httpdocs/neighbour", Kind: testtree.Symlink, Link: other},
		{Path: "httpdocs/neighbour-file", Kind: testtree.Symlink, Link: filepath.Join(other, "httpdocs/secret.txt")},
	})
	res := e.run(e.spec(false))
	stream := e.decompressed(res.Entry.Name)
	if bytes.Contains(stream, []byte("SECRET-OF-ANOTHER-CLIENT")) {
		t.Error("the archive holds a byte of another client's file")
	}
	if line, _, _ := bytes.Cut(passwd, []byte("\n")); bytes.Contains(stream, line) {
		t.Error("the archive holds /etc/passwd")
	}
	_, entries := e.readBack(res.Entry.Name)
	got := archiveSnapshot(entries, "a.example")
	for rel, want := range map[string]string{"httpdocs/etc": "/etc", "httpdocs/neighbour": other} {
		if got[rel].Mode.Type() != fs.ModeSymlink || got[rel].Link != want {
			t.Errorf("%s stored as %+v, want a link to %s", rel, got[rel], want)
		}
	}
	for rel := range got {
		if strings.HasPrefix(rel, "httpdocs/etc/") || strings.HasPrefix(rel, "httpdocs/neighbour/") {
			t.Errorf("followed a link: %s", rel)
		}
	}
}

// listed is what a user sees: the catalog and every object left in the storage.
func listed(t *testing.T, st storage.Storage) ([]Entry, []string) {
	entries, err := List(context.Background(), st, manifest.Keyring{})
	must(t, err)
	infos, err := st.List(context.Background(), "")
	must(t, err)
	var names []string
	for _, in := range infos {
		names = append(names, in.Name)
	}
	return entries, names
}

func TestFailedBackupLeavesNothingAndTheNextSucceeds(t *testing.T) {
	cases := []struct {
		name  string
		fault storage.Fault
	}{
		{"volume breaks after 100 KiB", storage.Fault{Op: storage.OpPut, Name: ".tar.zst", AfterBytes: 100 << 10}},
		{"second volume refused", storage.Fault{Op: storage.OpPut, Name: ".tar.zst.002", Call: 1}},
		{"index refused", storage.Fault{Op: storage.OpPut, Name: manifest.IndexSuffix, Call: 1}},
		{"manifest refused", storage.Fault{Op: storage.OpPut, Name: manifest.ManifestSuffix, Call: 1}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			testtree.Build(t, e.root("a.example"), randomFiles(t, 4, 1<<20))
			sp := e.spec(false)
			sp.SplitMB = 1
			_, err := e.try(context.Background(), sp, storage.NewFaulty(e.st, c.fault))
			if !errors.Is(err, storage.ErrInjected) {
				t.Fatalf("Run = %v, want the injected fault", err)
			}
			if entries, objects := listed(t, e.st); len(entries)+len(objects) != 0 {
				t.Fatalf("after a failed backup: listed %v, objects %v", entries, objects)
			}
			res := e.run(sp)
			if entries, _ := listed(t, e.st); len(entries) != 1 || entries[0].Name != res.Entry.Name {
				t.Fatalf("after the next backup: %v", entries)
			}
			e.readBack(res.Entry.Name)
		})
	}
}

func TestCancelledBackupLeavesNothing(t *testing.T) {
	for _, phase := range []string{"scan", "archive", "index", "manifest"} {
		t.Run(phase, func(t *testing.T) {
			e := newEnv(t)
			testtree.Build(t, e.root("a.example"), randomFiles(t, 3, 1<<20))
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			sp := e.spec(false)
			e.now = e.now.Add(1)
			_, err := Run(ctx, Options{Account: e.acct, Spec: sp, Storage: e.st, HostKey: e.key,
				Clock: func() time.Time { return e.now },
				Progress: func(p Progress) {
					if p.Phase == phase {
						cancel()
					}
				}})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("Run = %v, want context.Canceled", err)
			}
			if entries, objects := listed(t, e.st); len(entries)+len(objects) != 0 {
				t.Fatalf("after a cancelled backup: listed %v, objects %v", entries, objects)
			}
			e.readBack(e.run(sp).Entry.Name)
		})
	}
}

func TestLeftoversOfAKilledBackupAreCleaned(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	for _, n := range []string{"acme_2026-01-01T000000Z_full.tar.zst.001", "acme_2026-01-01T000000Z_full.index.zst"} {
		_, err := e.st.Put(ctx, n, strings.NewReader("partial"))
		must(t, err)
	}
	_, err := e.st.Put(ctx, "unrelated.txt", strings.NewReader("not ours"))
	must(t, err)
	res := e.run(e.spec(false))
	_, objects := listed(t, e.st)
	want := []string{manifest.IndexName(res.Entry.Name), manifest.ManifestName(res.Entry.Name),
		manifest.VolumeName(res.Entry.Name, false, 0), "unrelated.txt"}
	slices.Sort(want)
	if !slices.Equal(objects, want) {
		t.Errorf("objects %q, want %q", objects, want)
	}
}

func TestBrokenChainIsListed(t *testing.T) {
	e := newEnv(t)
	testtree.Build(t, e.root("a.example"), []testtree.Item{{Path: "a.txt", Data: "a"}})
	full := e.run(e.spec(true)).Entry
	must(t, os.WriteFile(filepath.Join(e.root("a.example"), "b.txt"), []byte("b"), 0o644))
	incr1 := e.run(e.spec(true)).Entry
	must(t, os.WriteFile(filepath.Join(e.root("a.example"), "c.txt"), []byte("c"), 0o644))
	incr2 := e.run(e.spec(true)).Entry
	must(t, e.st.Delete(context.Background(), manifest.IndexName(incr1.Name)))
	entries, _ := listed(t, e.st)
	status := map[string]Entry{}
	for _, en := range entries {
		status[en.Name] = en
	}
	if status[full.Name].Status != StatusOK {
		t.Errorf("full: %+v", status[full.Name])
	}
	for _, n := range []string{incr1.Name, incr2.Name} {
		if en := status[n]; en.Status != StatusBroken || !slices.Equal(en.Missing, []string{incr1.Name}) {
			t.Errorf("%s: status %s missing %v, want broken by %s", n, en.Status, en.Missing, incr1.Name)
		}
	}
	next := e.run(e.spec(true)).Entry
	if next.Parent != full.Name {
		t.Errorf("next incremental's parent is %q, want the last intact %s", next.Parent, full.Name)
	}
}

func TestSplitVolumesAreNumbered(t *testing.T) {
	e := newEnv(t)
	testtree.Build(t, e.root("a.example"), randomFiles(t, 3, 1<<20))
	sp := e.spec(false)
	sp.SplitMB = 1
	res := e.run(sp)
	var names []string
	var total int64
	for _, v := range res.Entry.Volumes {
		names = append(names, strings.TrimPrefix(v.Name, res.Entry.Name))
		total += v.Size
		if v.Size > 1<<20 {
			t.Errorf("volume %s is %d bytes", v.Name, v.Size)
		}
	}
	if len(names) < 3 || names[0] != ".tar.zst.001" || names[2] != ".tar.zst.003" || total != res.Entry.Size {
		t.Errorf("volumes %q, size %d of %d", names, total, res.Entry.Size)
	}
	e.readBack(res.Entry.Name)
}

func randomFiles(t *testing.T, n, size int) []testtree.Item {
	var out []testtree.Item
	for i := 0; i < n; i++ {
		b := make([]byte, size)
		rand.Read(b)
		out = append(out, testtree.Item{Path: "httpdocs/media/" + string(rune('a'+i)) + ".jpg", Data: string(b)})
	}
	return out
}
