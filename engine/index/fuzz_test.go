package index

import (
	"bytes"
	"os"
	"testing"
)

// FuzzReader: any input either reads or fails with an error; never a panic, never a huge
// allocation (lengths are checked before any buffer grows).
func FuzzReader(f *testing.F) {
	f.Add(encode(f, "b3", sampleEntries()))
	f.Add(encode(f, "x", nil))
	_, raw, _ := decodeRaw(encode(f, "b3", sampleEntries()))
	f.Add(raw)
	f.Add([]byte{})
	withRef := append(sampleEntries(), Entry{Path: "mail/a.example/info@a.example/cur/1.M1.host:2,S", Type: Ref,
		Mode: 0o600, Size: 3, Link: "mail/a.example/info@a.example/new/1.M1.host", Holder: "b1"})
	_, raw, _ = decodeRaw(encode(f, "b3", withRef))
	f.Add(raw)
	framed := encodeFramed(f, sampleEntries(), framesSample())
	f.Add(framed)
	_, raw, _ = decodeRaw(framed)
	f.Add(raw)
	if old, err := os.ReadFile("testdata/format3.index.zst"); err == nil {
		f.Add(old)
		_, raw, _ = decodeRaw(old)
		f.Add(raw)
	}
	withInode := []Entry{{Path: "files/a.example", Type: Dir, Mode: 0o755, Holder: "b4", CTime: 1 << 62, Ino: 1<<64 - 1},
		{Path: "files/a.example/x", Type: File, Size: 9, Holder: "b4", Offset: 4096, CTime: -3, Ino: 12}}
	framed = encodeFramed(f, withInode, framesSample())
	f.Add(framed)
	_, raw, _ = decodeRaw(framed)
	f.Add(raw)
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, in := range [][]byte{data, recompress(data)} {
			r, err := NewReader(bytes.NewReader(in))
			if err != nil {
				continue
			}
			for i := 0; i < 1_000_000; i++ {
				if _, err := r.Next(); err != nil {
					break
				}
			}
			r.Close()
		}
	})
}
