package keys

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// File names inside the data directory. Both are created with mode 0600 and refused when
// group or others may read them.
const (
	HostKeyFile   = "host.key"   // PEM, PKCS #8 ed25519 private key
	SecretKeyFile = "secret.key" // 32 random bytes
)

// Keys are the host's keys.
type Keys struct {
	Host   ed25519.PrivateKey // signs manifests; its public half verifies them
	secret cipher.AEAD
}

// Load reads the keys of the data directory dir, creating any that is missing.
func Load(dir string) (*Keys, error) {
	host, err := loadOrCreate(filepath.Join(dir, HostKeyFile), newHostKey)
	if err != nil {
		return nil, err
	}
	priv, err := parseHostKey(host)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", HostKeyFile, err)
	}
	secret, err := loadOrCreate(filepath.Join(dir, SecretKeyFile), newSecretKey)
	if err != nil {
		return nil, err
	}
	aead, err := newAEAD(secret)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", SecretKeyFile, err)
	}
	return &Keys{Host: priv, secret: aead}, nil
}

// PublicKey is the host key's public half.
func (k *Keys) PublicKey() ed25519.PublicKey { return k.Host.Public().(ed25519.PublicKey) }

func loadOrCreate(path string, create func() ([]byte, error)) ([]byte, error) {
	data, err := readPrivate(path)
	if !errors.Is(err, fs.ErrNotExist) {
		return data, err
	}
	data, err = create()
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) { // another process created it first
		return readPrivate(path)
	}
	if err != nil {
		return nil, fmt.Errorf("create key: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return nil, fmt.Errorf("write %s: %w", path, err)
	}
	return data, f.Close()
}

// readPrivate reads a key file, refusing one that is not a regular file or that group or
// others may access.
func readPrivate(path string) ([]byte, error) {
	fi, err := os.Lstat(path)
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("key %s is not a regular file", path)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return nil, fmt.Errorf("key %s has mode %04o: others may read it; run chmod 600 %s", path, fi.Mode().Perm(), path)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read key: %w", err)
	}
	return data, nil
}

func newHostKey() ([]byte, error) {
	_, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, err
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

func parseHostKey(data []byte) (ed25519.PrivateKey, error) {
	block, _ := pem.Decode(data)
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, errors.New("not a PEM private key")
	}
	key, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, err
	}
	priv, ok := key.(ed25519.PrivateKey)
	if !ok {
		return nil, errors.New("not an ed25519 key")
	}
	return priv, nil
}

func newSecretKey() ([]byte, error) {
	key := make([]byte, 32)
	_, err := rand.Read(key)
	return key, err
}

func newAEAD(key []byte) (cipher.AEAD, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("the secret key has %d bytes, want 32", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// Seal encrypts a secret (an FTP or SMTP password) for storage: a random nonce, then AES-256-GCM.
// label binds the ciphertext to its use (e.g. "ftp:acme"), so it cannot be moved to another.
func (k *Keys) Seal(label string, plain []byte) ([]byte, error) {
	nonce := make([]byte, k.secret.NonceSize(), k.secret.NonceSize()+len(plain)+k.secret.Overhead())
	if _, err := rand.Read(nonce); err != nil {
		return nil, fmt.Errorf("seal: %w", err)
	}
	return k.secret.Seal(nonce, nonce, plain, []byte(label)), nil
}

// Open decrypts what Seal returned for the same label.
func (k *Keys) Open(label string, sealed []byte) ([]byte, error) {
	n := k.secret.NonceSize()
	if len(sealed) < n+k.secret.Overhead() {
		return nil, errors.New("open secret: too short")
	}
	plain, err := k.secret.Open(nil, sealed[:n], sealed[n:], []byte(label))
	if err != nil {
		return nil, fmt.Errorf("open secret %s: %w", label, err)
	}
	return plain, nil
}
