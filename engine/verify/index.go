package verify

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"

	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/storage"
)

// indexData is a backup's index: every path by archive path, and the backups it names.
type indexData struct {
	all     map[string]index.Entry
	holders []string
}

// readIndex reads m's index and checks it against the manifest's size and SHA-256.
func readIndex(ctx context.Context, st storage.Storage, m manifest.Manifest) (*indexData, error) {
	rc, err := st.Open(ctx, m.Index.Name)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	h := sha256.New()
	cr := &counter{r: io.TeeReader(rc, h)}
	idx, err := decode(cr, m.Name)
	if err != nil {
		return nil, err
	}
	if _, err := io.Copy(io.Discard, cr); err != nil {
		return nil, err
	}
	if got := hex.EncodeToString(h.Sum(nil)); cr.n != m.Index.Size || got != m.Index.SHA256 {
		return nil, fmt.Errorf("%d bytes, SHA-256 %s; the manifest says %d, %s", cr.n, got, m.Index.Size, m.Index.SHA256)
	}
	return idx, nil
}

func decode(r io.Reader, name string) (*indexData, error) {
	ir, err := index.NewReader(r)
	if err != nil {
		return nil, err
	}
	defer ir.Close()
	if ir.Name() != name {
		return nil, fmt.Errorf("index of backup %s", ir.Name())
	}
	idx := &indexData{all: map[string]index.Entry{}, holders: ir.Holders()}
	for {
		e, err := ir.Next()
		if err == io.EOF {
			return idx, nil
		}
		if err != nil {
			return nil, err
		}
		idx.all[e.Path] = e
	}
}

type counter struct {
	r io.Reader
	n int64
}

func (c *counter) Read(p []byte) (int, error) {
	k, err := c.r.Read(p)
	c.n += int64(k)
	return k, err
}
