package manifest

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"fmt"
)

// sigContext separates manifest signatures from anything else the host key signs.
const sigContext = "coffre-manifest-v1\n"

// Signature is the signature member of a manifest file.
type Signature struct {
	Alg       string `json:"alg"`       // "ed25519"
	PublicKey string `json:"publicKey"` // base64 of the signer's public key
	Value     string `json:"value"`     // base64 of the signature
}

type file struct {
	Manifest  json.RawMessage `json:"manifest"`
	Signature Signature       `json:"signature"`
}

// Sign returns the bytes of m's manifest file, signed with key: the signature covers
// sigContext followed by the exact bytes of the "manifest" member.
func Sign(m Manifest, key ed25519.PrivateKey) ([]byte, error) {
	if len(key) != ed25519.PrivateKeySize {
		return nil, fmt.Errorf("sign manifest: no host key")
	}
	if err := m.validate(); err != nil {
		return nil, fmt.Errorf("sign manifest: %w", err)
	}
	body, err := json.MarshalIndent(m, "  ", "  ")
	if err != nil {
		return nil, fmt.Errorf("sign manifest: %w", err)
	}
	sig := Signature{
		Alg:       "ed25519",
		PublicKey: base64.StdEncoding.EncodeToString(key.Public().(ed25519.PublicKey)),
		Value:     base64.StdEncoding.EncodeToString(ed25519.Sign(key, signed(body))),
	}
	sj, err := json.Marshal(sig)
	if err != nil {
		return nil, fmt.Errorf("sign manifest: %w", err)
	}
	var b bytes.Buffer
	b.WriteString("{\n  \"manifest\": ")
	b.Write(body)
	b.WriteString(",\n  \"signature\": ")
	b.Write(sj)
	b.WriteString("\n}\n")
	return b.Bytes(), nil
}

func signed(body []byte) []byte {
	return append([]byte(sigContext), body...)
}
