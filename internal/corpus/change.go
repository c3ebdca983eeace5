package corpus

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
)

// ChangeStats says what Change did.
type ChangeStats struct {
	Modified, Added, Deleted int
	Bytes                    int64 // bytes written
}

// changeTime is the mtime of what Change writes: a day after the corpus's newest file.
const changeTime = baseTime + 24*3600*1e9

// A file's fate under Change, from a hash of its seed: about 1 in 100 rewritten (half of them
// keeping their size), 1 in 500 given a new sibling "Copy of ...", 1 in 1000 deleted.
func fate(e entry, seed int64) (modify, add, del bool) {
	if e.kind == kindDir || e.kind == kindSymlink {
		return false, false, false
	}
	h := mix(e.seed ^ uint64(seed)*0x9E3779B97F4A7C15)
	return h%100 == 0, h%500 == 2, h%1000 == 1
}

// mix is SplitMix64's finaliser.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xBF58476D1CE4E5B9
	x ^= x >> 27
	x *= 0x94D049BB133111EB
	return x ^ x>>31
}

// changed returns the new version of e that Change writes.
func changed(e entry) entry {
	e.seed |= 1 << 63
	if e.seed%2 == 0 {
		e.size += e.size/10 + 100
	}
	e.mtime = changeTime
	return e
}

// copyOf returns the new sibling that Change adds next to e.
func copyOf(e entry) entry {
	dir, file := path.Split(e.path)
	e.path = dir + "Copy of " + file
	e.seed |= 1 << 62
	e.mtime = changeTime
	return e
}

// Change modifies about 1% of the files of the corpus that Generate(dir, scale, seed) wrote:
// it rewrites some (new content and mtime), adds some and deletes some, always the same ones.
// Revert undoes it; a cached corpus is marked so that Ensure reverts it.
func Change(dir string, scale float64, seed int64) (ChangeStats, error) {
	if err := markChanged(dir); err != nil {
		return ChangeStats{}, fmt.Errorf("corpus change: %w", err)
	}
	var st ChangeStats
	for _, e := range plan(scale, seed) {
		modify, add, del := fate(e, seed)
		var err error
		switch {
		case modify:
			c := changed(e)
			st.Modified, st.Bytes = st.Modified+1, st.Bytes+c.size
			err = writeEntry(dir, c, seed, true)
		case add:
			c := copyOf(e)
			st.Added, st.Bytes = st.Added+1, st.Bytes+c.size
			err = writeEntry(dir, c, seed, true)
		case del:
			st.Deleted++
			err = os.Remove(filepath.Join(dir, filepath.FromSlash(e.path)))
		}
		if err != nil {
			return st, fmt.Errorf("corpus change: %w", err)
		}
	}
	return st, nil
}

// Revert undoes Change: the corpus is again what Generate wrote (but for ctimes and the
// directories' mtimes).
func Revert(dir string, scale float64, seed int64) error {
	for _, e := range plan(scale, seed) {
		modify, add, del := fate(e, seed)
		var err error
		if modify || del {
			err = writeEntry(dir, e, seed, true)
		}
		if add {
			err = os.Remove(filepath.Join(dir, filepath.FromSlash(copyOf(e).path)))
			if errors.Is(err, fs.ErrNotExist) {
				err = nil
			}
		}
		if err != nil {
			return fmt.Errorf("corpus revert: %w", err)
		}
	}
	return nil
}
