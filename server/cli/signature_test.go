package cli

import (
	"bytes"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coffre/engine/manifest"
	"coffre/server/jobs"
)

// coffre backups checks every manifest's signature: one re-signed by another key is listed as
// signed by another host with that key's fingerprint, an edited one as a signature that does not
// match, an unsigned one as not signed; verify says the same, never naming this host's key as
// the signer of an edited manifest.
func TestListingChecksSignatures(t *testing.T) {
	dir := demoData(t)
	var names []string
	for range 3 {
		_, res := backupTask(t, dir, "atelier")
		names = append(names, res.Entry.Name)
	}
	path := func(n string) string { return filepath.Join(dir, jobs.StorageDir, "atelier", manifest.ManifestName(n)) }
	_, other, _ := ed25519.GenerateKey(nil)
	data, _ := os.ReadFile(path(names[0]))
	m, _ := manifest.Parse(data)
	resigned, _ := manifest.Sign(m, other)
	os.WriteFile(path(names[0]), resigned, 0o600)
	data, _ = os.ReadFile(path(names[1]))
	os.WriteFile(path(names[1]), bytes.Replace(data, []byte(`"warnings": 0`), []byte(`"warnings": 7`), 1), 0o600)
	data, _ = os.ReadFile(path(names[2]))
	os.WriteFile(path(names[2]), append(data[:bytes.LastIndex(data, []byte(",\n  \"signature\""))], "\n}\n"...), 0o600)

	otherFP := manifest.KeyFingerprint(other.Public().(ed25519.PublicKey))
	hostFP := strings.TrimSpace(strings.TrimPrefix(mustRun(t, dir, "host-key", "show").stdout, "this host: "))
	table := mustRun(t, dir, "backups", "atelier").stdout
	for _, want := range []string{"signed by another host (" + otherFP + ")", "signature does not match the manifest", "not signed"} {
		if !strings.Contains(table, want) {
			t.Errorf("backups table has no %q:\n%s", want, table)
		}
	}
	if strings.Contains(table, "signed by this host") {
		t.Errorf("a changed manifest is listed as this host's:\n%s", table)
	}
	for i, want := range []string{"signed by another host (key " + otherFP + ")", "does not match the manifest", "not signed"} {
		r := run(t, dir, "", "verify", "atelier", names[i])
		if r.code != 1 || !strings.Contains(r.stderr, want) || strings.Contains(r.stderr, hostFP) {
			t.Errorf("verify %s: %d %s, want %q", names[i], r.code, r.stderr, want)
		}
		if r := run(t, dir, "", "restore", "atelier", names[i], "--to", t.TempDir()); r.code != 1 {
			t.Errorf("restore %s: %d", names[i], r.code)
		}
	}
}
