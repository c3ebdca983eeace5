package keys

import (
	"bytes"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadCreatesThenReusesPrivateKeys(t *testing.T) {
	dir := t.TempDir()
	k1, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{HostKeyFile, SecretKeyFile} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, err %v; want 0600", name, fi.Mode(), err)
		}
	}
	k2, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	msg := []byte("manifest")
	if !ed25519.Verify(k1.PublicKey(), msg, ed25519.Sign(k2.Host, msg)) {
		t.Error("the host key changed between loads")
	}
	sealed, err := k1.Seal("ftp:acme", []byte("s3cret"))
	if err != nil || bytes.Contains(sealed, []byte("s3cret")) {
		t.Fatalf("seal: %x %v", sealed, err)
	}
	if plain, err := k2.Open("ftp:acme", sealed); err != nil || string(plain) != "s3cret" {
		t.Errorf("open = %q, %v", plain, err)
	}
	if _, err := k2.Open("ftp:bistro", sealed); err == nil {
		t.Error("a secret sealed for acme opened as bistro's")
	}
}

func TestLoadRefusesKeysOthersCanRead(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(dir); err != nil {
		t.Fatal(err)
	}
	os.Chmod(filepath.Join(dir, HostKeyFile), 0o644)
	_, err := Load(dir)
	if err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Fatalf("err = %v, want a refusal that says chmod 600", err)
	}
}
