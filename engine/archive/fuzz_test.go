package archive

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"testing"

	"github.com/klauspost/compress/zstd"

	"coffre/engine/manifest"
	"coffre/engine/storage"
)

// oneVolume is an Opener with a single object.
type oneVolume []byte

func (v oneVolume) Open(context.Context, string) (io.ReadCloser, error) {
	return io.NopCloser(bytes.NewReader(v)), nil
}

func volumeOf(data []byte) []manifest.Object {
	s := sha256.Sum256(data)
	return []manifest.Object{{Name: "x.tar.zst", Size: int64(len(data)), SHA256: hex.EncodeToString(s[:])}}
}

// FuzzReader: whatever the volume holds (its hash being right), reading it ends with io.EOF or
// an error, never a panic, within the limits.
func FuzzReader(f *testing.F) {
	st := storage.NewMem()
	vols := writeArchive(f, st, Options{Name: "seed", ChunkSize: 64 << 10}, testFiles()[:3])
	rc, _ := st.Open(context.Background(), vols[0].Name)
	seed, _ := io.ReadAll(rc)
	f.Add(seed[:min(len(seed), 4096)])
	enc, _ := zstd.NewWriter(nil)
	f.Add(enc.EncodeAll(bytes.Repeat([]byte{0}, 4096), nil))
	f.Add(enc.EncodeAll([]byte("not a tar stream at all, only text"), nil))
	f.Add([]byte{})
	lim := Limits{MaxEntries: 1000, MaxEntrySize: 1 << 20, MaxTotal: 8 << 20, MaxWindow: 8 << 20}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, in := range [][]byte{data, enc.EncodeAll(data, nil)} {
			r, err := NewReader(context.Background(), oneVolume(in), volumeOf(in), lim)
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; ; i++ {
				_, err := r.Next()
				if err == nil {
					_, err = io.Copy(io.Discard, r)
				}
				if err == io.EOF {
					break
				}
				if err != nil {
					if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrLimit) {
						t.Fatalf("error neither corrupt nor limit: %v", err)
					}
					break
				}
			}
			r.Close()
		}
	})
}

func TestLimits(t *testing.T) {
	st := storage.NewMem()
	files := testFiles()
	vols := writeArchive(t, st, Options{Name: "b"}, files)
	cases := []struct {
		name string
		lim  Limits
	}{
		{"entries", Limits{MaxEntries: 3}},
		{"entry size", Limits{MaxEntrySize: 1 << 20}},
		{"total", Limits{MaxTotal: 1 << 20}},
		{"name", Limits{MaxName: 100}},
	}
	for _, c := range cases {
		r, _ := NewReader(context.Background(), st, vols, c.lim)
		var err error
		for err == nil {
			if _, err = r.Next(); err == nil {
				_, err = io.Copy(io.Discard, r)
			}
		}
		r.Close()
		if !errors.Is(err, ErrLimit) {
			t.Errorf("%s: %v, want ErrLimit", c.name, err)
		}
	}
}
