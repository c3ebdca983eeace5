package extract

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// OpenTarget opens the directory rel below trusted, a directory no tenant controls (a webspace
// root, or "/" for a folder outside every webspace). rel is a relative slash path, "" or "." for
// trusted itself. The path is followed one component at a time from trusted's handle, each
// component made (mode 0755) when missing and opened only if it is a real directory: a symlink
// there, or one swapped in while it is opened, is refused with ErrUnsafe, naming it. Everything
// later written through the returned Root stays below the directory it holds, whatever the
// tenant does to the path meanwhile. The caller closes the Root.
func OpenTarget(trusted, rel string) (*os.Root, error) { return openPath(trusted, rel, true) }

// OpenExisting opens directory rel below trusted as OpenTarget does, but makes nothing: a
// missing component is an error matching fs.ErrNotExist.
func OpenExisting(trusted, rel string) (*os.Root, error) { return openPath(trusted, rel, false) }

func openPath(trusted, rel string, mkdir bool) (*os.Root, error) {
	root, err := os.OpenRoot(trusted)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", trusted, err)
	}
	if rel == "" || rel == "." {
		return root, nil
	}
	if filepath.IsAbs(rel) || strings.Contains("/"+rel+"/", "/../") {
		root.Close()
		return nil, fmt.Errorf("%w: target %q is not a path below %s", ErrUnsafe, rel, trusted)
	}
	done := ""
	for comp := range strings.SplitSeq(rel, "/") {
		if comp == "" || comp == "." {
			continue
		}
		done = filepath.Join(done, comp)
		next, err := openComponent(root, filepath.Join(trusted, done), comp, mkdir)
		root.Close()
		if err != nil {
			return nil, err
		}
		root = next
	}
	return root, nil
}

// openComponent opens (making it if missing) the directory name in parent; path names it in
// errors.
func openComponent(parent *os.Root, path, name string, mkdir bool) (*os.Root, error) {
	if mkdir {
		if err := parent.Mkdir(name, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return nil, fmt.Errorf("make %s: %w", path, err)
		}
	}
	r, err := openDir(parent, path, name)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	return r, nil
}
