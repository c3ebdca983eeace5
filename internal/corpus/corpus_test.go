package corpus

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// node is what a user sees of one path of a tree.
type node struct {
	mode  fs.FileMode
	size  int64
	mtime int64
	sum   [32]byte
	link  string
}

// snapshot reads a tree; directories' mtimes are left out (Change and Revert move them).
func snapshot(t *testing.T, root string) map[string]node {
	t.Helper()
	out := map[string]node{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		n := node{mode: info.Mode()}
		switch {
		case info.Mode()&fs.ModeSymlink != 0:
			n.link, err = os.Readlink(p)
		case info.Mode().IsRegular():
			var b []byte
			b, err = os.ReadFile(p)
			n.size, n.mtime, n.sum = info.Size(), info.ModTime().UnixNano(), sha256.Sum256(b)
		}
		rel, _ := filepath.Rel(root, p)
		out[rel] = n
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// diff returns the paths that differ between two snapshots.
func diff(a, b map[string]node) []string {
	var out []string
	for p, n := range a {
		if m, ok := b[p]; !ok || m != n {
			out = append(out, p)
		}
	}
	for p := range b {
		if _, ok := a[p]; !ok {
			out = append(out, p)
		}
	}
	return out
}

func TestGenerateIsDeterministic(t *testing.T) {
	dir := t.TempDir()
	for i, seed := range []int64{7, 7, 8} {
		if err := Generate(filepath.Join(dir, fmt.Sprint(i)), 0.002, seed); err != nil {
			t.Fatal(err)
		}
	}
	a, b, c := snapshot(t, dir+"/0"), snapshot(t, dir+"/1"), snapshot(t, dir+"/2")
	if d := diff(a, b); len(d) != 0 {
		t.Errorf("same seed, different trees at %q", d[:min(5, len(d))])
	}
	if d := diff(a, c); len(d) < len(a)/2 {
		t.Errorf("another seed changed only %d of %d paths", len(d), len(a))
	}
	want := Describe(0.002, 7)
	var files int
	var size int64
	for _, n := range a {
		if n.mode.IsRegular() {
			files, size = files+1, size+n.size
		}
	}
	if files != want.Files || size != want.Bytes {
		t.Errorf("tree has %d files, %d bytes; Describe says %+v", files, size, want)
	}
}

func TestCorpusLooksLikeHosting(t *testing.T) {
	dir := t.TempDir()
	if err := Generate(dir, 0.002, 1); err != nil {
		t.Fatal(err)
	}
	var text, images bytes.Buffer
	kinds := map[string]int{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(p)
		ext := filepath.Ext(p)
		switch {
		case ext == ".php" || ext == ".js" || ext == ".css" || ext == ".html":
			text.Write(b)
		case ext == ".jpg" && bytes.HasPrefix(b, jpegHead[:4]) || ext == ".png" && bytes.HasPrefix(b, pngHead[:8]):
			images.Write(b)
		case strings.Contains(p, "/mail/") && bytes.HasPrefix(b, []byte("Return-Path: ")):
			ext = "mail"
		case strings.HasSuffix(p, "logs/access_log") && bytes.Contains(b, []byte(" HTTP/1.1\" ")):
			ext = "access_log"
		}
		kinds[ext]++
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{".php", ".js", ".css", ".html", ".jpg", "mail", "access_log", ".gz", ".zip"} {
		if kinds[k] == 0 {
			t.Errorf("no %s file in the corpus: %v", k, kinds)
		}
	}
	if r := ratio(t, text.Bytes()); r < 2.5 {
		t.Errorf("source files compress %.2fx, want at least 2.5x", r)
	}
	if r := ratio(t, images.Bytes()); r > 1.01 {
		t.Errorf("images compress %.2fx, want incompressible", r)
	}
	if l, err := os.Readlink(filepath.Join(dir, "app.example/httpdocs/public/storage")); err != nil || l != "../../storage/app/public" {
		t.Errorf("symlink: %q, %v", l, err)
	}
}

func ratio(t *testing.T, b []byte) float64 {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault))
	if err != nil {
		t.Fatal(err)
	}
	defer enc.Close()
	return float64(len(b)) / float64(len(enc.EncodeAll(b, nil)))
}

func TestChangeRevertAndEnsure(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	const scale, seed = 0.01, 3
	if gen, err := Ensure(dir, scale, seed); err != nil || !gen {
		t.Fatalf("first Ensure = %v, %v; want a generated corpus", gen, err)
	}
	orig := snapshot(t, dir)
	st, err := Change(dir, scale, seed)
	if err != nil {
		t.Fatal(err)
	}
	if st.Modified == 0 || st.Added == 0 || st.Deleted == 0 || st.Modified > len(orig)/50 {
		t.Fatalf("Change = %+v on %d paths, want about 1%% modified, some added and deleted", st, len(orig))
	}
	if d := diff(orig, snapshot(t, dir)); len(d) != st.Modified+st.Added+st.Deleted {
		t.Fatalf("Change touched %d paths, says %+v", len(d), st)
	}
	if gen, err := Ensure(dir, scale, seed); err != nil || gen {
		t.Fatalf("Ensure after Change = %v, %v; want a revert, not a new corpus", gen, err)
	}
	if d := diff(orig, snapshot(t, dir)); len(d) != 0 {
		t.Fatalf("after revert, %d paths differ: %q", len(d), d[:min(5, len(d))])
	}
	if gen, err := Ensure(dir, scale, seed); err != nil || gen {
		t.Fatalf("Ensure of a cached corpus = %v, %v; want it kept", gen, err)
	}
	if gen, err := Ensure(dir, 0.002, seed); err != nil || !gen {
		t.Fatalf("Ensure at another scale = %v, %v; want a new corpus", gen, err)
	}
}

func TestGenerateRefuses(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "x"), nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := Generate(dir, 0.001, 1); err == nil {
		t.Error("Generate into a non-empty folder succeeded")
	}
	for _, scale := range []float64{0, -1, 1000} {
		if err := Generate(t.TempDir(), scale, 1); err == nil {
			t.Errorf("Generate at scale %v succeeded", scale)
		}
	}
}
