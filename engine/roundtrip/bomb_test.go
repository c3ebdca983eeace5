package roundtrip

import (
	"archive/tar"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"

	"coffre/engine/manifest"
	"coffre/engine/rules"
	"coffre/engine/spec"
	"coffre/engine/verify"
)

const bombSize = 8 << 30

// rleFrame is a zstd frame of n zero bytes made of RLE blocks: 4 bytes per 128 KiB, so 8 GiB
// take 256 KiB.
func rleFrame(n int64) []byte {
	out := binary.LittleEndian.AppendUint32(nil, 0xFD2FB528)
	out = append(out, 0x00, 7<<3) // no content size, window 128 KiB
	const block = 128 << 10
	for n > 0 {
		k := min(n, block)
		n -= k
		hdr := uint32(k)<<3 | 1<<1 // RLE
		if n == 0 {
			hdr |= 1 // last block
		}
		out = append(out, byte(hdr), byte(hdr>>8), byte(hdr>>16), 0)
	}
	return out
}

// bombBackup stores, signed with e's host key, a backup whose index lists one small file, and
// whose archive holds before it an entry the index does not list: 8 GiB of zeros.
func (e *env) bombBackup(name string) {
	e.t.Helper()
	const d = "files/acme.example"
	good := fileEntry(d+"/good", "good")
	m := manifest.Manifest{Format: manifest.Format, Name: name, Client: client, Type: manifest.Full,
		Created: e.now, Spec: e.spec(false), Subscriptions: []string{"acme.example"}, Entries: 2,
		Files: 2, Bytes: good.Size}
	body, err := manifest.Body(m)
	must(e.t, err)
	var head, tail bytes.Buffer
	tw := tar.NewWriter(&head)
	must(e.t, tw.WriteHeader(&tar.Header{Name: "coffre/manifest.json", Mode: 0o644, Size: int64(len(body))}))
	_, err = tw.Write(body)
	must(e.t, err)
	must(e.t, tw.WriteHeader(dirEntry(d).header()))
	must(e.t, tw.WriteHeader(&tar.Header{Name: d + "/bomb", Mode: 0o644, Size: bombSize}))
	tw = tar.NewWriter(&tail)
	must(e.t, tw.WriteHeader(good.header()))
	_, err = tw.Write([]byte(good.Body))
	must(e.t, err)
	must(e.t, tw.Close())
	enc, err := zstd.NewWriter(nil)
	must(e.t, err)
	vol := enc.EncodeAll(head.Bytes(), nil)
	vol = append(vol, rleFrame(bombSize)...)
	vol = enc.EncodeAll(tail.Bytes(), vol)
	sum := sha256.Sum256(vol)
	m.Volumes = []manifest.Object{{Name: name + manifest.ArchiveSuffix, Size: int64(len(vol)), SHA256: hex.EncodeToString(sum[:])}}
	_, err = e.st.Put(context.Background(), m.Volumes[0].Name, bytes.NewReader(vol))
	must(e.t, err)
	m.Index = e.craftIndex(name, []crafted{dirEntry(d), good})
	b, err := manifest.Sign(m, e.key)
	must(e.t, err)
	_, err = e.st.Put(context.Background(), manifest.ManifestName(name), bytes.NewReader(b))
	must(e.t, err)
}

// An archive entry the index does not list, of 8 GiB of zeros, is refused at its header by
// restore and by verify, naming it, before any of it is decompressed: the manifest declares
// 4 bytes of content.
func TestUnlistedBomb(t *testing.T) {
	e := newEnv(t, nil, "acme.example")
	e.bombBackup("acme_bomb")
	_, err := e.restore(spec.Restore{Backup: "acme_bomb", To: t.TempDir()})
	if !errors.Is(err, rules.ErrMalformed) || !strings.Contains(err.Error(), "files/acme.example/bomb") {
		t.Errorf("restore: err = %v, want the bomb refused", err)
	}
	rep, err := verify.Run(t.Context(), e.st, "acme_bomb", e.pub())
	if !errors.Is(err, verify.ErrFailed) || !reports(rep, "files/acme.example/bomb") || rep.Bytes > 1<<20 {
		t.Errorf("verify: err = %v, %d bytes read, problems %+v", err, rep.Bytes, rep.Problems)
	}
}
