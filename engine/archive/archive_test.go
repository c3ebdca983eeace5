package archive

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	mrand "math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"coffre/engine/manifest"
	"coffre/engine/storage"
)

type file struct {
	name string
	data []byte
}

// testFiles mixes text that compresses, random bytes that do not, and awkward names.
func testFiles() []file {
	rnd := make([]byte, 3<<20)
	rand.Read(rnd)
	text := bytes.Repeat([]byte("GET /index.php HTTP/1.1 200 mozilla\n"), 100000)
	return []file{
		{"coffre/manifest.json", []byte("{}\n")},
		{"files/a.example/empty", nil},
		{"files/a.example/access.log", text},
		{"files/a.example/photo.jpg", rnd},
		{"files/a.example/new\nline \xff\xfe é", []byte("odd name")},
		{"files/a.example/" + strings.Repeat(strings.Repeat("x", 99)+"/", 3) + "end", []byte("long")},
	}
}

func writeArchive(t testing.TB, st storage.Storage, o Options, files []file) []manifest.Object {
	t.Helper()
	w, err := NewWriter(context.Background(), st, o)
	if err != nil {
		t.Fatal(err)
	}
	mtime := time.Unix(-86400*400, 123456789)
	for _, f := range files {
		h := &tar.Header{Name: f.name, Typeflag: tar.TypeReg, Mode: 0o640, Size: int64(len(f.data)),
			ModTime: mtime, Uid: 1001, Gid: 1002}
		if err := w.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(f.data); err != nil {
			t.Fatal(err)
		}
	}
	vols, err := w.Close()
	if err != nil {
		t.Fatal(err)
	}
	return vols
}

func readArchive(t *testing.T, st storage.Storage, vols []manifest.Object, lim Limits) []file {
	t.Helper()
	r, err := NewReader(context.Background(), st, vols, lim)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var got []file
	for {
		h, err := r.Next()
		if err == io.EOF {
			return got
		}
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Unix(-86400*400, 123456789); !h.ModTime.Equal(want) || h.Uid != 1001 {
			t.Errorf("%q: mtime %v uid %d", h.Name, h.ModTime, h.Uid)
		}
		got = append(got, file{h.Name, data})
	}
}

func sameFiles(t *testing.T, got, want []file) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d entries, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].name != want[i].name || !bytes.Equal(got[i].data, want[i].data) {
			t.Errorf("entry %d: got %q (%d bytes), want %q (%d bytes)", i, got[i].name,
				len(got[i].data), want[i].name, len(want[i].data))
		}
	}
}

func TestRoundTrip(t *testing.T) {
	cases := []struct {
		name     string
		o        Options
		wantVols int
	}{
		{"one volume", Options{Name: "b1"}, 1},
		{"split", Options{Name: "b2", SplitBytes: 1 << 20, ChunkSize: 256 << 10}, 4},
		{"one worker, tiny chunks", Options{Name: "b3", Workers: 1, ChunkSize: 1000}, 1},
		{"four workers, tiny chunks, deep queue", Options{Name: "b4", Workers: 4, ChunkSize: 1000, Queued: 9}, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			st := storage.NewMem()
			files := testFiles()
			vols := writeArchive(t, st, c.o, files)
			if len(vols) < c.wantVols {
				t.Errorf("%d volumes, want at least %d", len(vols), c.wantVols)
			}
			for i, v := range vols {
				if want := manifest.VolumeName(c.o.Name, c.o.SplitBytes > 0, i); v.Name != want {
					t.Errorf("volume %d named %q, want %q", i, v.Name, want)
				}
			}
			if err := CheckVolumes(context.Background(), st, vols); err != nil {
				t.Fatal(err)
			}
			sameFiles(t, readArchive(t, st, vols, Limits{}), files)
			sameFiles(t, readArchive(t, st, vols, Limits{Checked: true}), files)
		})
	}
}

// TestIncompressibleStaysSmall: random data is stored raw (tiny overhead), text compresses.
func TestIncompressibleStaysSmall(t *testing.T) {
	st := storage.NewMem()
	files := testFiles()
	vols := writeArchive(t, st, Options{Name: "b"}, files)
	var total int64
	for _, v := range vols {
		total += v.Size
	}
	if limit := int64(3<<20) + 200<<10; total > limit {
		t.Errorf("archive is %d bytes, want under %d", total, limit)
	}
}

func TestSystemToolsReadTheVolumes(t *testing.T) {
	if _, err := exec.LookPath("zstd"); err != nil {
		t.Skip("zstd not installed")
	}
	dir := t.TempDir()
	st, err := storage.NewLocal(dir)
	if err != nil {
		t.Fatal(err)
	}
	files := testFiles()
	writeArchive(t, st, Options{Name: "b", SplitBytes: 1 << 20}, files)
	out := filepath.Join(t.TempDir(), "x")
	os.Mkdir(out, 0o755)
	cmd := exec.Command("sh", "-c", "cat b.tar.zst.* | zstd -d | tar -x -C "+out)
	cmd.Dir = dir
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v: %s", err, msg)
	}
	for _, f := range files {
		data, err := os.ReadFile(filepath.Join(out, f.name))
		if err != nil || !bytes.Equal(data, f.data) {
			t.Errorf("%q: %v, %d bytes, want %d", f.name, err, len(data), len(f.data))
		}
	}
}

func TestFlippedByteIsNamed(t *testing.T) {
	st := storage.NewMem()
	vols := writeArchive(t, st, Options{Name: "b", SplitBytes: 1 << 20}, testFiles())
	ctx := context.Background()
	rc, _ := st.Open(ctx, vols[1].Name)
	data, _ := io.ReadAll(rc)
	rc.Close()
	data[mrand.IntN(len(data))] ^= 0x40
	st.Put(ctx, vols[1].Name, bytes.NewReader(data))
	err := CheckVolumes(ctx, st, vols)
	if !errors.Is(err, ErrCorrupt) || !bytes.Contains([]byte(err.Error()), []byte(vols[1].Name)) {
		t.Fatalf("CheckVolumes = %v, want ErrCorrupt naming %s", err, vols[1].Name)
	}
	r, _ := NewReader(ctx, st, vols, Limits{})
	defer r.Close()
	for err == nil || !errors.Is(err, ErrCorrupt) {
		if _, err = r.Next(); err == nil {
			_, err = io.Copy(io.Discard, r)
		}
		if err == io.EOF {
			t.Fatal("read the whole archive without noticing the flipped byte")
		}
	}
}

// A reader of volumes already checked still finds one cut short since, naming it.
func TestCheckedStillChecksSizes(t *testing.T) {
	st := storage.NewMem()
	vols := writeArchive(t, st, Options{Name: "b", SplitBytes: 1 << 20}, testFiles())
	ctx := context.Background()
	if err := CheckVolumes(ctx, st, vols); err != nil {
		t.Fatal(err)
	}
	rc, _ := st.Open(ctx, vols[1].Name)
	data, _ := io.ReadAll(rc)
	rc.Close()
	st.Put(ctx, vols[1].Name, bytes.NewReader(data[:len(data)-1]))
	r, _ := NewReader(ctx, st, vols, Limits{Checked: true})
	defer r.Close()
	var err error
	for err == nil {
		if _, err = r.Next(); err == nil {
			_, err = io.Copy(io.Discard, r)
		}
	}
	if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), vols[1].Name) {
		t.Errorf("err = %v, want ErrCorrupt naming %s", err, vols[1].Name)
	}
}

// TestStorageFailureIsNotCorruption: a volume that cannot be read is the storage's error (the
// caller may retry), not a damaged archive.
func TestStorageFailureIsNotCorruption(t *testing.T) {
	st := storage.NewMem()
	vols := writeArchive(t, st, Options{Name: "b", SplitBytes: 1 << 20}, testFiles())
	faulty := storage.NewFaulty(st, storage.Fault{Op: storage.OpOpen, Name: ".002", AfterBytes: 1000})
	r, err := NewReader(context.Background(), faulty, vols, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	for err == nil {
		if _, err = r.Next(); err == nil {
			_, err = io.Copy(io.Discard, r)
		}
	}
	if !errors.Is(err, storage.ErrInjected) || errors.Is(err, ErrCorrupt) {
		t.Errorf("err = %v, want the storage's error, not ErrCorrupt", err)
	}
	if err := CheckVolumes(context.Background(), faulty, vols); !errors.Is(err, storage.ErrInjected) {
		t.Errorf("CheckVolumes = %v", err)
	}
}
