package archive

import (
	"archive/tar"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"coffre/engine/manifest"
	"coffre/engine/storage"
)

type nullStorage struct{ storage.Storage }

func (nullStorage) Put(ctx context.Context, name string, r io.Reader) (int64, error) {
	return io.Copy(io.Discard, r)
}

// BenchmarkWriterText compresses a file (COFFRE_BENCH_FILE, e.g. a tar of a webspace) as one
// entry, to compare with zstd -3 on the same bytes.
func BenchmarkWriterText(b *testing.B) {
	data, err := os.ReadFile(os.Getenv("COFFRE_BENCH_FILE"))
	if err != nil {
		b.Skip("COFFRE_BENCH_FILE unset")
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		w, _ := NewWriter(context.Background(), nullStorage{}, Options{Name: "x"})
		w.WriteHeader(&tar.Header{Name: "f", Size: int64(len(data)), Mode: 0o644, Typeflag: tar.TypeReg})
		io.Copy(w, bytes.NewReader(data))
		w.Close()
	}
}

// BenchmarkReader reads a stored archive (COFFRE_BENCH_ARCHIVE=dir/name.tar.zst) to the end.
func BenchmarkReader(b *testing.B) {
	p := os.Getenv("COFFRE_BENCH_ARCHIVE")
	fi, err := os.Stat(p)
	if err != nil {
		b.Skip("COFFRE_BENCH_ARCHIVE unset")
	}
	st, _ := storage.NewLocal(filepath.Dir(p))
	vols := []manifest.Object{{Name: filepath.Base(p), Size: fi.Size()}}
	for b.Loop() {
		r, _ := NewReader(context.Background(), st, vols, Limits{})
		var n int64
		for {
			_, err := r.Next()
			if err != nil {
				break
			}
			k, _ := io.Copy(io.Discard, r)
			n += k
		}
		r.Close()
		b.SetBytes(n)
	}
}
