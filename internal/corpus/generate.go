package corpus

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"
)

// Generate writes the corpus for scale (1 is about 1.5 GB and 130k files; 0.001 a few
// hundred small files) and seed into dir, which must be missing or empty. The same scale,
// seed and Version give the same names, bytes, modes and mtimes.
func Generate(dir string, scale float64, seed int64) error {
	if !(scale > 0 && scale <= 100) {
		return fmt.Errorf("corpus: scale %v out of (0, 100]", scale)
	}
	if err := emptyDir(dir); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	entries := plan(scale, seed)
	if err := makeDirs(dir, entries); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	if err := parallel(entries, func(e entry) error { return writeEntry(dir, e, seed, false) }); err != nil {
		return fmt.Errorf("corpus: %w", err)
	}
	return nil
}

// emptyDir creates dir, or checks that it is empty.
func emptyDir(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	names, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	if len(names) > 0 {
		return fmt.Errorf("%s is not empty", dir)
	}
	return nil
}

// makeDirs creates every directory the entries need, empty ones included.
func makeDirs(dir string, entries []entry) error {
	need := map[string]bool{}
	for _, e := range entries {
		need[path.Dir(e.path)] = true
		if e.kind == kindDir {
			need[e.path] = true
		}
	}
	list := make([]string, 0, len(need))
	for d := range need {
		list = append(list, d)
	}
	sort.Strings(list)
	for _, d := range list {
		if err := os.MkdirAll(filepath.Join(dir, filepath.FromSlash(d)), 0o755); err != nil {
			return err
		}
	}
	return nil
}

// parallel runs fn on every entry with a few goroutines per core; it returns the first error.
func parallel(entries []entry, fn func(entry) error) error {
	work := make(chan entry)
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	for range 2 * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for e := range work {
				if err := fn(e); err != nil {
					mu.Lock()
					first = errors.Join(first, err)
					mu.Unlock()
				}
			}
		})
	}
	for _, e := range entries {
		work <- e
	}
	close(work)
	wg.Wait()
	return first
}

// writeEntry creates e under dir (replacing a file when replace is set) with its content,
// mode and mtime.
func writeEntry(dir string, e entry, seed int64, replace bool) error {
	name := filepath.Join(dir, filepath.FromSlash(e.path))
	switch e.kind {
	case kindDir:
		return os.MkdirAll(name, 0o755)
	case kindSymlink:
		if replace {
			os.Remove(name)
		}
		return os.Symlink(e.link, name)
	}
	flags := os.O_WRONLY | os.O_CREATE | os.O_EXCL
	if replace {
		flags = os.O_WRONLY | os.O_CREATE | os.O_TRUNC
	}
	f, err := os.OpenFile(name, flags, e.mode)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 256<<10)
	err = writeContent(w, e, seed)
	err = errors.Join(err, w.Flush(), f.Chmod(e.mode), f.Close())
	if err != nil {
		return fmt.Errorf("write %s: %w", e.path, err)
	}
	t := time.Unix(0, e.mtime)
	return os.Chtimes(name, t, t)
}
