package archive

import (
	"bytes"
	"context"
	"io"
	"os"
	"testing"

	"archive/tar"

	"coffre/engine/storage"
)

type nullStorage struct{ storage.Storage }

func (nullStorage) Put(ctx context.Context, name string, r io.Reader) (int64, error) {
	return io.Copy(io.Discard, r)
}

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
