package archive

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"

	"coffre/engine/manifest"
	"coffre/engine/storage"
)

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
