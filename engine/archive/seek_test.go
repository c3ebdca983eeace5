package archive

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/klauspost/compress/zstd"

	"coffre/engine/storage"
)

// TestFrameReaderReadsEntriesByOffset: over several volumes, each entry is read back at the
// offset where its header was written, reading only its frames; a changed byte in a frame is
// caught by the frame's SHA-256.
func TestFrameReaderReadsEntriesByOffset(t *testing.T) {
	st := storage.NewMem()
	w, err := NewWriter(context.Background(), st, Options{Name: "b", ChunkSize: 64 << 10, SplitBytes: 300 << 10})
	if err != nil {
		t.Fatal(err)
	}
	files := testFiles()
	offs := make([]int64, len(files))
	for i, f := range files {
		offs[i] = (w.Bytes() + 511) &^ 511
		h := &tar.Header{Name: f.name, Typeflag: tar.TypeReg, Mode: 0o640, Size: int64(len(f.data)), ModTime: time.Unix(1, 0)}
		if err := w.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		w.Write(f.data)
	}
	vols, err := w.Close()
	if err != nil {
		t.Fatal(err)
	}
	if len(vols) < 2 {
		t.Fatalf("%d volumes, want several", len(vols))
	}
	fs := w.Frames()
	var total int64
	for _, v := range vols {
		total += v.Size
	}
	for i := len(files) - 1; i >= 0; i-- {
		fr, err := NewFrameReader(context.Background(), st, vols, fs, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		h, body, err := fr.Entry(offs[i])
		if err != nil || h.Name != files[i].name {
			t.Fatalf("entry %d at %d: %v %v", i, offs[i], h, err)
		}
		got, err := io.ReadAll(body)
		if err != nil || !bytes.Equal(got, files[i].data) {
			t.Errorf("%s: %d bytes, %v", files[i].name, len(got), err)
		}
		if len(files[i].data) < 1<<10 && fr.BytesRead() > total/4 {
			t.Errorf("%s: read %d of %d bytes", files[i].name, fr.BytesRead(), total)
		}
		fr.Close()
	}
	bad := &flipped{Opener: st, name: vols[0].Name, at: fs[1].Comp + 10}
	fr, _ := NewFrameReader(context.Background(), bad, vols, fs, Limits{})
	defer fr.Close()
	for i := range files {
		if _, body, err := fr.Entry(offs[i]); err == nil {
			_, err = io.Copy(io.Discard, body)
			if errors.Is(err, ErrCorrupt) {
				return
			}
		} else if errors.Is(err, ErrCorrupt) {
			return
		}
	}
	t.Error("no read saw the changed byte")
}

// flipped is an Opener whose object name has one byte changed at offset at.
type flipped struct {
	Opener
	name string
	at   int64
}

func (f *flipped) Open(ctx context.Context, name string) (io.ReadCloser, error) {
	rc, err := f.Opener.Open(ctx, name)
	if err != nil || name != f.name {
		return rc, err
	}
	data, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		return nil, err
	}
	data[f.at] ^= 1
	return io.NopCloser(bytes.NewReader(data)), nil
}

// FuzzFrameReader: whatever the volume and the frame table say (the table's sums matching the
// bytes), reading an entry ends with an entry or an error, never a panic.
func FuzzFrameReader(f *testing.F) {
	enc, _ := zstd.NewWriter(nil)
	var tw bytes.Buffer
	w := tar.NewWriter(&tw)
	w.WriteHeader(&tar.Header{Name: "files/a", Typeflag: tar.TypeReg, Size: 5, Mode: 0o644})
	w.Write([]byte("hello"))
	w.Close()
	raw := tw.Bytes()
	first := enc.EncodeAll(raw[:512], nil)
	f.Add(append(first, enc.EncodeAll(raw[512:], nil)...), uint16(len(first)), uint32(512), uint32(len(raw)), uint32(0))
	f.Add([]byte("not zstd"), uint16(3), uint32(512), uint32(1024), uint32(512))
	f.Fuzz(func(t *testing.T, data []byte, cut uint16, raw1, raw2, off uint32) {
		c := min(int(cut), len(data))
		fs := []Frame{{Raw: 0, Comp: 0, Sum: sha256.Sum256(data[:c])}, {Raw: int64(raw1), Comp: int64(c), Sum: sha256.Sum256(data[c:])},
			{Raw: int64(raw2), Comp: int64(len(data))}}
		fr, err := NewFrameReader(context.Background(), oneVolume(data), volumeOf(data), fs, Limits{})
		if err != nil {
			return
		}
		defer fr.Close()
		if _, body, err := fr.Entry(int64(off)); err == nil {
			io.Copy(io.Discard, io.LimitReader(body, 1<<20))
		}
	})
}

// A sealed archive's frames carry no SHA-256: they are read through a storage that
// authenticates the volumes, and a frame table without sums read through any other storage
// is refused, so that clearing the sums does not turn the check off.
func TestSealedFramesNeedAnAuthenticatingStorage(t *testing.T) {
	st := storage.NewMem()
	w, err := NewWriter(context.Background(), st, Options{Name: "b", ChunkSize: 64 << 10, Sealed: true})
	if err != nil {
		t.Fatal(err)
	}
	f := testFiles()[0]
	w.WriteHeader(&tar.Header{Name: f.name, Typeflag: tar.TypeReg, Mode: 0o640, Size: int64(len(f.data)), ModTime: time.Unix(1, 0)})
	w.Write(f.data)
	vols, err := w.Close()
	if err != nil {
		t.Fatal(err)
	}
	fs := w.Frames()
	if fs[0].Sum != [32]byte{} {
		t.Fatal("a sealed archive's frame has a SHA-256")
	}
	read := func(st Opener) error {
		fr, err := NewFrameReader(context.Background(), st, vols, fs, Limits{})
		if err != nil {
			return err
		}
		defer fr.Close()
		_, body, err := fr.Entry(0)
		if err == nil {
			_, err = io.Copy(io.Discard, body)
		}
		return err
	}
	if err := read(st); !errors.Is(err, ErrCorrupt) {
		t.Errorf("read through a plain storage: %v, want ErrCorrupt", err)
	}
	if err := read(authenticating{st}); err != nil {
		t.Errorf("read through an authenticating storage: %v", err)
	}
}

// authenticating is a storage that says it authenticates every object.
type authenticating struct{ Opener }

func (authenticating) Authenticates(string) bool { return true }
