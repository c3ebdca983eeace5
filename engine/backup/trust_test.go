package backup

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"testing"

	"coffre/engine/manifest"
)

// rewriteManifest replaces backup n's manifest file in e.st with what edit makes of it.
func (e *env) rewriteManifest(n string, edit func(manifest.Manifest, []byte) []byte) {
	e.t.Helper()
	data, err := manifest.ReadFile(context.Background(), e.st, n)
	must(e.t, err)
	m, err := manifest.Parse(data)
	must(e.t, err)
	_, err = e.st.Put(context.Background(), manifest.ManifestName(n), bytes.NewReader(edit(m, data)))
	must(e.t, err)
}

// The listing checks every manifest's signature: a backup re-signed by another key, edited, or
// unsigned is never listed as this host's, and never becomes the parent of an incremental.
func TestListSignatures(t *testing.T) {
	e := newEnv(t)
	var names []string
	for range 4 {
		names = append(names, e.run(e.spec(false)).Entry.Name)
	}
	_, other, _ := ed25519.GenerateKey(nil)
	_, imported, _ := ed25519.GenerateKey(nil)
	e.rewriteManifest(names[0], func(m manifest.Manifest, _ []byte) []byte {
		b, _ := manifest.Sign(m, other)
		return b
	})
	e.rewriteManifest(names[1], func(_ manifest.Manifest, b []byte) []byte {
		return bytes.Replace(b, []byte(`"warnings": `), []byte(`"warnings": 1`), 1)
	})
	e.rewriteManifest(names[2], func(_ manifest.Manifest, b []byte) []byte {
		return append(b[:bytes.LastIndex(b, []byte(",\n  \"signature\""))], "\n}\n"...)
	})
	e.rewriteManifest(names[3], func(m manifest.Manifest, _ []byte) []byte {
		b, _ := manifest.Sign(m, imported)
		return b
	})
	pub := func(k ed25519.PrivateKey) ed25519.PublicKey { return k.Public().(ed25519.PublicKey) }
	ring := manifest.Keyring{Host: pub(e.key), Imported: []ed25519.PublicKey{pub(imported)}}
	list, err := List(context.Background(), e.st, ring)
	must(t, err)
	want := map[string]manifest.SignatureStatus{
		names[0]: {Signer: manifest.SignedByOther, Fingerprint: manifest.KeyFingerprint(pub(other))},
		names[1]: {Signer: manifest.SigMismatch, Fingerprint: manifest.KeyFingerprint(pub(e.key))},
		names[2]: {Signer: manifest.NotSigned},
		names[3]: {Signer: manifest.SignedByTrusted, Fingerprint: manifest.KeyFingerprint(pub(imported))},
	}
	if len(list) != 4 {
		t.Fatalf("listed %d backups", len(list))
	}
	for _, en := range list {
		if en.Signature != want[en.Name] {
			t.Errorf("%s: signature %+v, want %+v", en.Name, en.Signature, want[en.Name])
		}
	}
	if inc := e.run(e.spec(true)); inc.Entry.Type != manifest.Full || inc.Entry.Parent != "" {
		t.Errorf("an incremental built on a backup this host did not sign: %+v", inc.Entry)
	}
}
