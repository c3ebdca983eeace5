package extract

import (
	"archive/tar"
	"context"
	"errors"
	"fmt"
	"io"
)

// Extract reads an uncompressed tar stream from r and writes its entries under dir, as Entry
// does: how the tests feed a Writer (the engine feeds it from its own archive reader). It stops
// at the first error, which names the entry; what was written stays.
func Extract(ctx context.Context, r io.Reader, dir string, opts Options) (Stats, error) {
	w, err := New(dir, opts)
	if err != nil {
		return Stats{}, err
	}
	err = feed(ctx, tar.NewReader(r), w)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return w.Stats(), fmt.Errorf("extract: %w", err)
	}
	return w.Stats(), nil
}

func feed(ctx context.Context, tr *tar.Reader, w *Writer) error {
	for {
		hdr, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil && !errors.Is(err, tar.ErrInsecurePath) {
			return fmt.Errorf("read archive: %w", err)
		}
		if err := w.Entry(ctx, hdr, tr); err != nil {
			return err
		}
	}
}
