package verify

import (
	"archive/tar"
	"errors"
	"fmt"
	"strings"
)

// dump checks a databases/ entry: a dump, a part of one, or the note of a failed one, of a
// database the manifest records; a complete dump's size must add up to what it says.
func (w *walker) dump(h *tar.Header) {
	if h.Typeflag != tar.TypeReg {
		w.r.add(w.obj, h.Name, errors.New("database entry that is not a file"))
		return
	}
	if w.m.Captured != nil {
		for _, d := range w.m.Captured.DBs {
			base := "databases/" + d.Subscription + "/" + d.Name
			if h.Name == d.Path || strings.HasPrefix(h.Name, d.Path+".") || strings.HasPrefix(h.Name, base+".") {
				if w.dumped == nil {
					w.dumped = map[string]int64{}
				}
				w.dumped[base] += h.Size
				return
			}
		}
	}
	w.r.add(w.obj, h.Name, errors.New("a database dump the manifest does not record"))
}

// dumpsFound checks that every database dump the manifest records is in the archive, whole.
func (w *walker) dumpsFound() {
	if w.m.Captured == nil {
		return
	}
	for _, d := range w.m.Captured.DBs {
		if !d.Dumped() {
			continue
		}
		base := "databases/" + d.Subscription + "/" + d.Name
		if got := w.dumped[base]; got != d.Size {
			w.r.add(w.obj, d.Path, fmt.Errorf("%d bytes of dump in the archive; the manifest says %d", got, d.Size))
		}
	}
}
