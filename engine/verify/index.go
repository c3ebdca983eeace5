package verify

import (
	"context"
	"io"

	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/rules"
	"coffre/engine/storage"
)

// indexData is a backup's index: every path by archive path, and the backups it names.
type indexData struct {
	all     map[string]index.Entry
	holders []string
}

// readIndex reads m's index, checked against the manifest (manifest.OpenIndex).
// Each record is also checked against the rules restore applies (rules.IndexChecker); a record
// that breaks one is reported in r.
func readIndex(ctx context.Context, st storage.Storage, m manifest.Manifest, r *Report) (*indexData, error) {
	ir, err := manifest.OpenIndex(ctx, st, m)
	if err != nil {
		return nil, err
	}
	defer ir.Close()
	idx := &indexData{all: map[string]index.Entry{}}
	chk := rules.NewIndexChecker()
	for {
		e, err := ir.Next()
		if err == io.EOF {
			idx.holders = ir.Holders()
			return idx, nil
		}
		if err != nil {
			return nil, err
		}
		if err := chk.Check(e); err != nil {
			r.add(m.Index.Name, e.Path, err)
		}
		idx.all[e.Path] = e
	}
}
