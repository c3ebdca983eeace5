package index

import (
	"bytes"
	"io"
	"testing"

	"github.com/klauspost/compress/zstd"
)

// decodeRaw returns the uncompressed bytes of an index.
func decodeRaw(data []byte) (int, []byte, error) {
	zr, err := zstd.NewReader(bytes.NewReader(data))
	if err != nil {
		return 0, nil, err
	}
	defer zr.Close()
	raw, err := io.ReadAll(zr)
	return len(raw), raw, err
}

func recompress(raw []byte) []byte {
	zw, _ := zstd.NewWriter(nil)
	return zw.EncodeAll(raw, nil)
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
