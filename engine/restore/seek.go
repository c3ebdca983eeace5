package restore

import (
	"context"
	"fmt"
	"io"
	"strings"

	"coffre/engine/archive"
	"coffre/engine/manifest"
	"coffre/engine/rules"
	"coffre/engine/storage"
)

// planSeeks decides which archives are read frame by frame: when the restore takes chosen
// paths, an archive whose index records a frame table, and whose wanted entries all have their
// offset (index format 3), is read only in the frames that hold them, each frame checked
// against the SHA-256 the index records (the index itself is checked against the signed
// manifest). Other archives are read whole.
func (r *run) planSeeks(ctx context.Context) error {
	r.seeks = map[string][]archive.Frame{}
	if len(r.sel.paths) == 0 {
		return nil
	}
	for name, hd := range r.p.holders {
		if !hd.offsets {
			continue
		}
		m, _ := r.c.get(name)
		fs, err := frameTable(ctx, r.o.Storage, m)
		if err != nil {
			return indexError(err)
		}
		if fs != nil {
			r.seeks[name] = fs
		}
	}
	return nil
}

// frameTable reads backup m's index to its end for the frame table it records; nil if none.
func frameTable(ctx context.Context, st storage.Storage, m manifest.Manifest) ([]archive.Frame, error) {
	ir, err := manifest.OpenIndex(ctx, st, m)
	if err != nil {
		return nil, err
	}
	defer ir.Close()
	for {
		if _, err := ir.Next(); err == io.EOF {
			break
		} else if err != nil {
			return nil, err
		}
	}
	var out []archive.Frame
	for _, f := range ir.Frames() {
		out = append(out, archive.Frame{Raw: f.Raw, Comp: f.Comp, Sum: f.Sum})
	}
	return out, nil
}

// fromFrames writes the content the plan wants from backup name, reading each wanted entry at
// its offset: only the frames that hold them are read and decompressed. The selected files are
// read from the index in its order, which is their archive's: their offsets grow.
func (r *run) fromFrames(ctx context.Context, name string, fs []archive.Frame) error {
	m, _ := r.c.get(name)
	fr, err := archive.NewFrameReader(ctx, r.o.Storage, m.Volumes, fs, archive.Limits{})
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	defer fr.Close()
	cur, err := r.openCursor(ctx)
	if err != nil {
		return err
	}
	defer cur.close()
	fl := &files{r: r, name: name, cur: cur}
	budget := rules.NewBudget(m)
	for {
		f, err := fl.next()
		if err != nil || f == nil {
			r.o.Log.Info("read by frames", "backup", name, "bytes", fr.BytesRead())
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		h, body, err := fr.Entry(f.Offset)
		if err == nil {
			err = budget.Take(h) // as when the archive is read whole
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		if strings.TrimSuffix(h.Name, "/") != f.Path {
			return fmt.Errorf("%s: the entry at %d of %s is %q: %w", f.Path, f.Offset, name, h.Name, ErrIndex)
		}
		if err := r.content(ctx, name, h, body, f, nil); err != nil {
			return err
		}
	}
}
