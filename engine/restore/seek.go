package restore

import (
	"context"
	"fmt"
	"io"
	"slices"
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
	for name, wants := range r.p.holders {
		if !allOffsets(wants) {
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

func allOffsets(wants map[string]*want) bool {
	for _, w := range wants {
		if w.e.Offset <= 0 {
			return false
		}
	}
	return true
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
// its offset: only the frames that hold them are read and decompressed.
func (r *run) fromFrames(ctx context.Context, name string, fs []archive.Frame) error {
	m, _ := r.c.get(name)
	fr, err := archive.NewFrameReader(ctx, r.o.Storage, m.Volumes, fs, archive.Limits{})
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	defer fr.Close()
	type src struct {
		path string
		w    *want
	}
	var srcs []src
	for p, w := range r.p.holders[name] {
		srcs = append(srcs, src{p, w})
	}
	slices.SortFunc(srcs, func(a, b src) int { return int(min(max(a.w.e.Offset-b.w.e.Offset, -1), 1)) })
	budget := rules.NewBudget(m)
	for _, s := range srcs {
		if err := ctx.Err(); err != nil {
			return err
		}
		h, body, err := fr.Entry(s.w.e.Offset)
		if err == nil {
			err = budget.Take(h) // as when the archive is read whole
		}
		if err != nil {
			return fmt.Errorf("read %s: %w", name, err)
		}
		if strings.TrimSuffix(h.Name, "/") != s.path {
			return fmt.Errorf("%s: the entry at %d of %s is %q: %w", s.path, s.w.e.Offset, name, h.Name, ErrIndex)
		}
		s.w.found = true
		if err := r.content(ctx, name, s.w, h, body); err != nil {
			return err
		}
	}
	r.o.Log.Info("read by frames", "backup", name, "bytes", fr.BytesRead())
	return nil
}
