package manifest

import (
	"bytes"
	"crypto/ed25519"
	"encoding/json"
	"testing"
)

func pub(seed byte) ed25519.PublicKey { return key(seed).Public().(ed25519.PublicKey) }

// resign replaces the signature member of a signed manifest file, keeping the manifest's bytes.
func resign(t *testing.T, data []byte, sig *Signature) []byte {
	t.Helper()
	i := bytes.LastIndex(data, []byte(",\n  \"signature\": "))
	if i < 0 {
		t.Fatal("no signature member")
	}
	if sig == nil {
		return append(bytes.Clone(data[:i]), "\n}\n"...)
	}
	b, _ := json.Marshal(sig)
	return append(append(append(bytes.Clone(data[:i]), ",\n  \"signature\": "...), b...), "\n}\n"...)
}

// The listing's signature statuses, for manifests crafted as an attacker or another host would.
func TestKeyringCheck(t *testing.T) {
	host, err := Sign(sample(), key(1))
	if err != nil {
		t.Fatal(err)
	}
	other, _ := Sign(sample(), key(2))
	imported, _ := Sign(sample(), key(3))
	edited := bytes.Replace(host, []byte(`"size": 100`), []byte(`"size": 101`), 1)
	var f file
	json.Unmarshal(host, &f)
	hostSigOtherKey := f.Signature
	var g file
	json.Unmarshal(other, &g)
	hostSigOtherKey.PublicKey = g.Signature.PublicKey
	badAlg := f.Signature
	badAlg.Alg = "rsa"
	ring := Keyring{Host: pub(1), Imported: []ed25519.PublicKey{pub(3)}}
	tests := []struct {
		name string
		data []byte
		want SignatureStatus
	}{
		{"this host", host, SignatureStatus{SignedByHost, KeyFingerprint(pub(1))}},
		{"re-signed by another key", other, SignatureStatus{SignedByOther, KeyFingerprint(pub(2))}},
		{"imported key", imported, SignatureStatus{SignedByTrusted, KeyFingerprint(pub(3))}},
		{"edited after signing", edited, SignatureStatus{SigMismatch, KeyFingerprint(pub(1))}},
		{"no signature member", resign(t, host, nil), SignatureStatus{Signer: NotSigned}},
		{"empty signature", resign(t, host, &Signature{}), SignatureStatus{Signer: NotSigned}},
		{"host signature naming another key", resign(t, host, &hostSigOtherKey), SignatureStatus{SignedByHost, KeyFingerprint(pub(1))}},
		{"unknown algorithm", resign(t, host, &badAlg), SignatureStatus{SigMismatch, KeyFingerprint(pub(1))}},
		{"garbage value", resign(t, host, &Signature{Alg: "ed25519", PublicKey: "x", Value: "!!"}), SignatureStatus{SigMismatch, "unknown"}},
	}
	for _, tt := range tests {
		_, got, err := ring.Check(tt.data)
		if err != nil || got != tt.want {
			t.Errorf("%s: %+v, %v; want %+v", tt.name, got, err, tt.want)
		}
		_, verr := Verify(tt.data, ring.Keys()...)
		if (verr == nil) != got.Trusted() {
			t.Errorf("%s: Verify = %v, but status %s", tt.name, verr, got.Signer)
		}
	}
	if _, _, err := ring.Check([]byte("{")); err == nil {
		t.Error("a manifest that does not parse: no error")
	}
	if _, st, _ := (Keyring{}).Check(host); st.Signer != SignedByOther {
		t.Errorf("empty keyring: %+v", st)
	}
}
