package keys

import (
	"bufio"
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"coffre/engine/manifest"
)

// TrustedFile lists the public keys of other hosts whose backups this host trusts, one
// exported key a line (see Export); mode 0600 like the other key files.
const TrustedFile = "trusted.keys"

// exportTag starts an exported key's line.
const exportTag = "coffre-host-key ed25519 "

// Export is the host key's public half as one line that Import reads on another host:
// "coffre-host-key ed25519 BASE64 comment".
func (k *Keys) Export(comment string) string { return exportLine(k.PublicKey(), comment) }

func exportLine(pub ed25519.PublicKey, comment string) string {
	line := exportTag + base64.StdEncoding.EncodeToString(pub)
	if c := strings.Join(strings.Fields(comment), " "); c != "" {
		line += " " + c
	}
	return line + "\n"
}

// ParseExported reads the first key line of data that Export wrote.
func ParseExported(data []byte) (ed25519.PublicKey, error) {
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		rest, ok := strings.CutPrefix(line, exportTag)
		if !ok {
			return nil, errors.New("not a key exported by coffre host-key export")
		}
		b64, _, _ := strings.Cut(rest, " ")
		pub, err := base64.StdEncoding.DecodeString(b64)
		if err != nil || len(pub) != ed25519.PublicKeySize {
			return nil, errors.New("the exported key is damaged")
		}
		return ed25519.PublicKey(pub), nil
	}
	return nil, errors.New("no key in the file")
}

// Imported returns the keys of other hosts trusted here.
func Imported(dir string) ([]ed25519.PublicKey, error) {
	data, err := readPrivate(filepath.Join(dir, TrustedFile))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []ed25519.PublicKey
	for line := range strings.Lines(string(data)) {
		if strings.TrimSpace(line) == "" {
			continue
		}
		pub, err := ParseExported([]byte(line))
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", TrustedFile, err)
		}
		out = append(out, pub)
	}
	return out, nil
}

// Import adds pub to the keys trusted by the host of data directory dir; it reports false
// when it was trusted already (or is the host's own key).
func (k *Keys) Import(dir string, pub ed25519.PublicKey, comment string) (bool, error) {
	have, err := Imported(dir)
	if err != nil {
		return false, err
	}
	if slices.ContainsFunc(have, func(p ed25519.PublicKey) bool { return p.Equal(pub) }) || pub.Equal(k.PublicKey()) {
		return false, nil
	}
	path := filepath.Join(dir, TrustedFile)
	old, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return false, err
	}
	return true, writeFileAtomic(path, append(old, exportLine(pub, comment)...))
}

// writeFileAtomic writes data to a temporary file of mode 0600 beside path, syncs it and
// renames it over path.
func writeFileAtomic(path string, data []byte) error {
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	_, err = f.Write(data)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// Ring is the keys this host trusts: its own and the imported ones.
func (k *Keys) Ring(dir string) (manifest.Keyring, error) {
	imp, err := Imported(dir)
	if err != nil {
		return manifest.Keyring{}, err
	}
	return manifest.Keyring{Host: k.PublicKey(), Imported: imp}, nil
}

// Fingerprint is the host key's fingerprint, as listings show signers.
func (k *Keys) Fingerprint() string { return manifest.KeyFingerprint(k.PublicKey()) }
