package keys

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coffre/engine/manifest"
)

// A host's key exported on the old host and imported on the new one is trusted there, once.
func TestExportImport(t *testing.T) {
	oldDir, newDir := t.TempDir(), t.TempDir()
	oldK, err := Load(oldDir)
	if err != nil {
		t.Fatal(err)
	}
	newK, err := Load(newDir)
	if err != nil {
		t.Fatal(err)
	}
	line := oldK.Export("old host\nname")
	if !strings.HasPrefix(line, "coffre-host-key ed25519 ") || strings.Count(line, "\n") != 1 {
		t.Fatalf("export: %q", line)
	}
	pub, err := ParseExported([]byte("# a comment\n\n" + line))
	if err != nil || !pub.Equal(oldK.PublicKey()) {
		t.Fatalf("parse: %v", err)
	}
	for i, want := range []bool{true, false} {
		added, err := newK.Import(newDir, pub, "old")
		if err != nil || added != want {
			t.Errorf("import %d: %v %v", i, added, err)
		}
	}
	if added, _ := newK.Import(newDir, newK.PublicKey(), ""); added {
		t.Error("the host's own key was imported")
	}
	ring, err := newK.Ring(newDir)
	if err != nil || len(ring.Imported) != 1 || !ring.Imported[0].Equal(pub) || !ring.Host.Equal(newK.PublicKey()) {
		t.Fatalf("ring: %+v %v", ring, err)
	}
	if fi, _ := os.Stat(filepath.Join(newDir, TrustedFile)); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode())
	}
	if oldK.Fingerprint() != manifest.KeyFingerprint(pub) {
		t.Error("fingerprints differ")
	}
	os.Chmod(filepath.Join(newDir, TrustedFile), 0o666)
	if _, err := Imported(newDir); err == nil {
		t.Error("a trusted-keys file others may write is read")
	}
}

func TestParseExportedRefuses(t *testing.T) {
	for _, in := range []string{"", "ssh-ed25519 AAAA", "coffre-host-key ed25519 !!!", "coffre-host-key ed25519 AAAA"} {
		if _, err := ParseExported([]byte(in)); err == nil {
			t.Errorf("accepted %q", in)
		}
	}
}

func FuzzParseExported(f *testing.F) {
	k, _ := Load(f.TempDir())
	f.Add([]byte(k.Export("x")))
	f.Add([]byte("coffre-host-key ed25519 \n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if pub, err := ParseExported(data); err == nil && len(pub) != 32 {
			t.Errorf("a key of %d bytes", len(pub))
		}
	})
}
