package archivetest

import (
	"archive/tar"
	"bytes"
	"io"
	"strings"
	"testing"

	"filippo.io/age"
	"github.com/klauspost/compress/zstd"
)

// AgeDecrypt is what `age -d` reads from sealed with the passphrase pw.
func AgeDecrypt(t testing.TB, pw string, sealed []byte) []byte {
	t.Helper()
	id, err := age.NewScryptIdentity(pw)
	if err != nil {
		t.Fatal(err)
	}
	r, err := age.Decrypt(bytes.NewReader(sealed), id)
	if err != nil {
		t.Fatalf("age -d: %v", err)
	}
	plain, err := io.ReadAll(r)
	if err != nil {
		t.Fatalf("age -d: %v", err)
	}
	return plain
}

// TarFile is the content of the entry whose name ends with name in the .tar.zst archive.
func TarFile(t testing.TB, archive []byte, name string) string {
	t.Helper()
	zr, err := zstd.NewReader(bytes.NewReader(archive))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err != nil {
			t.Fatalf("no %s in the archive: %v", name, err)
		}
		if strings.HasSuffix(h.Name, name) {
			b, err := io.ReadAll(tr)
			if err != nil {
				t.Fatal(err)
			}
			return string(b)
		}
	}
}
