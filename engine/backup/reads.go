package backup

import "coffre/engine/index"

// reads writes the list of files the archive phase reads: the regular files this backup
// stores, each after the folders above it (the file reader opens them on the way and checks
// that they are still the ones walked). Unchanged files are not in it: an incremental with
// few changes reads a short list instead of the whole plan again. Memory: the folders above
// the last path planned.
type reads struct {
	s     *spill
	above []readsDir
}

type readsDir struct {
	e       index.Entry
	written bool
}

// add takes the next planned path; stored says whether this backup stores it.
func (rd *reads) add(e *index.Entry, stored bool) error {
	if e.Type != index.Dir && (e.Type != index.File || !stored) {
		return nil
	}
	for len(rd.above) > 0 && !isUnder(e.Path, rd.above[len(rd.above)-1].e.Path) {
		rd.above = rd.above[:len(rd.above)-1]
	}
	if e.Type == index.Dir {
		rd.above = append(rd.above, readsDir{e: *e})
		return nil
	}
	for i := range rd.above {
		if d := &rd.above[i]; !d.written {
			if err := rd.s.w.Add(&d.e); err != nil {
				return err
			}
			d.written = true
		}
	}
	return rd.s.w.Add(e)
}
