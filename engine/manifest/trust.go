package manifest

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"slices"
)

// Signer says who signed a manifest, as the listing shows it.
type Signer string

// Signers of a manifest, from a Keyring's point of view.
const (
	SignedByHost    Signer = "host"     // signed by this host's key
	SignedByTrusted Signer = "trusted"  // signed by another host's key imported here (coffre host-key import)
	SignedByOther   Signer = "other"    // signed by another host's key, not trusted here
	NotSigned       Signer = "unsigned" // no signature at all
	SigMismatch     Signer = "mismatch" // a signature that does not match the manifest (edited after signing)
)

// Signature status of one manifest: who signed it and that key's fingerprint (when known).
type SignatureStatus struct {
	Signer      Signer `json:"signer"`
	Fingerprint string `json:"fingerprint,omitempty"`
}

// Trusted reports whether the signer is a key the host trusts.
func (s SignatureStatus) Trusted() bool {
	return s.Signer == SignedByHost || s.Signer == SignedByTrusted
}

// Keyring is the keys a host trusts: its own, and those imported from other hosts.
type Keyring struct {
	Host     ed25519.PublicKey
	Imported []ed25519.PublicKey
}

// Keys returns every trusted key, the host's first.
func (k Keyring) Keys() []ed25519.PublicKey {
	var out []ed25519.PublicKey
	for _, p := range append([]ed25519.PublicKey{k.Host}, k.Imported...) {
		if len(p) == ed25519.PublicKeySize {
			out = append(out, p)
		}
	}
	return out
}

// Check parses data and says who signed it. Only a manifest that does not parse is an error;
// every signature problem is a status. A key that the ring trusts is tried first, whatever
// public key the file names, then the key the file names.
func (k Keyring) Check(data []byte) (Manifest, SignatureStatus, error) {
	m, f, err := parse(data)
	if err != nil {
		return Manifest{}, SignatureStatus{}, err
	}
	return m, k.status(f), nil
}

func (k Keyring) status(f file) SignatureStatus {
	s := f.Signature
	if s == (Signature{}) {
		return SignatureStatus{Signer: NotSigned}
	}
	sig, err := base64.StdEncoding.DecodeString(s.Value)
	if err != nil || s.Alg != "ed25519" {
		return SignatureStatus{Signer: SigMismatch, Fingerprint: Fingerprint(s.PublicKey)}
	}
	msg := signed(f.Manifest)
	for i, p := range k.Keys() {
		if ed25519.Verify(p, msg, sig) {
			who := SignedByTrusted
			if i == 0 && slices.Equal(p, k.Host) {
				who = SignedByHost
			}
			return SignatureStatus{Signer: who, Fingerprint: KeyFingerprint(p)}
		}
	}
	named, err := base64.StdEncoding.DecodeString(s.PublicKey)
	if err == nil && len(named) == ed25519.PublicKeySize && ed25519.Verify(named, msg, sig) {
		return SignatureStatus{Signer: SignedByOther, Fingerprint: KeyFingerprint(named)}
	}
	return SignatureStatus{Signer: SigMismatch, Fingerprint: Fingerprint(s.PublicKey)}
}

// Verify parses data and checks that one of keys signed it. Otherwise it fails with
// ErrSignature and says why: not signed, signed by another host (naming its key's
// fingerprint), or a signature that does not match the manifest (edited after signing).
func Verify(data []byte, keys ...ed25519.PublicKey) (Manifest, error) {
	m, st, err := Keyring{Imported: keys}.Check(data)
	if err != nil {
		return Manifest{}, err
	}
	switch st.Signer {
	case SignedByHost, SignedByTrusted:
		return m, nil
	case NotSigned:
		return Manifest{}, fmt.Errorf("verify manifest %s: not signed: %w", m.Name, ErrSignature)
	case SignedByOther:
		return Manifest{}, fmt.Errorf("verify manifest %s: signed by another host (key %s), not trusted here: %w",
			m.Name, st.Fingerprint, ErrSignature)
	}
	return Manifest{}, fmt.Errorf("verify manifest %s: the signature does not match the manifest (changed after it was signed): %w",
		m.Name, ErrSignature)
}

// KeyFingerprint names a public key: "SHA256:" and the unpadded base64 of its SHA-256, as
// ssh-keygen -l prints keys.
func KeyFingerprint(pub ed25519.PublicKey) string {
	s := sha256.Sum256(pub)
	return "SHA256:" + base64.RawStdEncoding.EncodeToString(s[:])
}

// Fingerprint is KeyFingerprint of a base64 public key as a manifest carries it, "unknown"
// when it is not one.
func Fingerprint(b64 string) string {
	k, err := base64.StdEncoding.DecodeString(b64)
	if err != nil || len(k) != ed25519.PublicKeySize {
		return "unknown"
	}
	return KeyFingerprint(k)
}

// SignerKey returns the public key that data's signature names when that key did sign it: the
// key an administrator may choose to trust once its fingerprint is confirmed.
func SignerKey(data []byte) (ed25519.PublicKey, bool) {
	_, f, err := parse(data)
	if err != nil {
		return nil, false
	}
	named, err1 := base64.StdEncoding.DecodeString(f.Signature.PublicKey)
	sig, err2 := base64.StdEncoding.DecodeString(f.Signature.Value)
	if err1 != nil || err2 != nil || len(named) != ed25519.PublicKeySize || f.Signature.Alg != "ed25519" ||
		!ed25519.Verify(named, signed(f.Manifest), sig) {
		return nil, false
	}
	return ed25519.PublicKey(named), true
}
