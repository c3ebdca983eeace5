package extract

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"
)

// tempPrefix starts the name of every temporary file that process pid writes: the file is
// renamed to its final name once whole. A killed restore leaves such names behind.
func tempPrefix(pid int) string { return ".coffre-" + strconv.Itoa(pid) + "-" }

// IsTemp reports whether name is the name of a temporary file of process pid:
// ".coffre-<pid>-<n>.tmp".
func IsTemp(name string, pid int) bool {
	n, ok := strings.CutPrefix(name, tempPrefix(pid))
	if !ok {
		return false
	}
	n, ok = strings.CutSuffix(n, ".tmp")
	_, err := strconv.ParseUint(n, 10, 64)
	return ok && err == nil
}

// RemoveTemps removes, in the directory root and below it, the regular files that IsTemp names
// for pid: what a Writer of process pid left when the process was killed. It never follows a
// symlink nor leaves root: each directory is opened as the Writer opens them. It returns how
// many files it removed.
func RemoveTemps(ctx context.Context, root *os.Root, pid int) (int, error) {
	f, err := root.Open(".")
	if err != nil {
		return 0, err
	}
	ents, err := f.ReadDir(-1)
	f.Close()
	if err != nil {
		return 0, err
	}
	n := 0
	var errs []error
	for _, e := range ents {
		if err := ctx.Err(); err != nil {
			return n, err
		}
		switch {
		case e.Type().IsRegular() && IsTemp(e.Name(), pid):
			if err := root.Remove(e.Name()); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
				continue
			}
			n++
		case e.IsDir():
			sub, err := openDir(root, e.Name(), e.Name())
			if err != nil {
				continue // gone, or made a symlink since it was listed
			}
			k, err := RemoveTemps(ctx, sub, pid)
			sub.Close()
			n += k
			errs = append(errs, err)
		}
	}
	return n, errors.Join(errs...)
}
