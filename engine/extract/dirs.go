package extract

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
	"sync"
)

// dirHandle is one directory of the target, opened once and verified to be a real directory
// at its place (not a symlink): everything created in it is created relative to it.
type dirHandle struct {
	rel     string
	root    *os.Root // the directory as a root: creations, renames, removals of its children
	fd      *os.File // the directory itself: attributes and *at calls that must not follow
	refs    int
	evicted bool
}

func (h *dirHandle) close() {
	h.fd.Close()
	h.root.Close()
}

// dirCache holds directory handles. acquire and invalidate run on the caller's goroutine;
// release runs on any.
type dirCache struct {
	mu    sync.Mutex
	m     map[string]*dirHandle
	limit int
}

const dirCacheLimit = 256

func newDirCache(dir string) (*dirCache, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	fd, err := root.Open(".")
	if err != nil {
		root.Close()
		return nil, err
	}
	top := &dirHandle{rel: ".", root: root, fd: fd, refs: 1} // the top is never evicted
	return &dirCache{m: map[string]*dirHandle{".": top}, limit: dirCacheLimit}, nil
}

// acquire returns the handle of directory rel, creating missing directories (mode 0755 before
// the umask) on the way. A component that exists and is not a directory (a symlink above all)
// is refused with ErrUnsafe. The caller must release the handle.
func (c *dirCache) acquire(rel string) (*dirHandle, error) {
	c.mu.Lock()
	if h, ok := c.m[rel]; ok {
		h.refs++
		c.mu.Unlock()
		return h, nil
	}
	c.mu.Unlock()
	parentRel, base := split(rel)
	parent, err := c.acquire(parentRel)
	if err != nil {
		return nil, err
	}
	defer c.release(parent)
	h, err := openChild(parent, rel, base)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.evict()
	c.m[rel] = h
	return h, nil
}

// openChild opens parent's child base as a directory, making it if missing, and checks after
// opening that the name still is that very directory (a swap for a symlink is refused).
func openChild(parent *dirHandle, rel, base string) (*dirHandle, error) {
	fi, err := parent.root.Lstat(base)
	if errors.Is(err, fs.ErrNotExist) {
		err = parent.root.Mkdir(base, 0o755)
		if errors.Is(err, fs.ErrExist) {
			err = nil
		}
	}
	if err == nil && fi != nil && !fi.IsDir() {
		err = notDir(rel, fi)
	}
	if err != nil {
		return nil, err
	}
	root, err := parent.root.OpenRoot(base)
	if err != nil {
		return nil, err
	}
	h := &dirHandle{rel: rel, root: root, refs: 1}
	if h.fd, err = root.Open("."); err != nil {
		root.Close()
		return nil, err
	}
	if err := sameDir(parent, rel, base, h.fd); err != nil {
		h.close()
		return nil, err
	}
	return h, nil
}

func sameDir(parent *dirHandle, rel, base string, fd *os.File) error {
	opened, err := fd.Stat()
	if err != nil {
		return err
	}
	now, err := parent.root.Lstat(base)
	if err != nil {
		return err
	}
	if !now.IsDir() || !os.SameFile(opened, now) {
		return fmt.Errorf("%w: %q changed while opened", ErrUnsafe, rel)
	}
	return nil
}

func notDir(rel string, fi fs.FileInfo) error {
	if fi.Mode()&fs.ModeSymlink != 0 {
		return fmt.Errorf("%w: path goes through the symlink %q", ErrUnsafe, rel)
	}
	return fmt.Errorf("%w: path goes through %q, which is not a directory", ErrUnsafe, rel)
}

func (c *dirCache) release(h *dirHandle) {
	c.mu.Lock()
	defer c.mu.Unlock()
	h.refs--
	if h.refs == 0 && h.evicted {
		h.close()
	}
}

// evict drops unused handles once the cache is over its limit. c.mu is held.
func (c *dirCache) evict() {
	if len(c.m) < c.limit {
		return
	}
	for rel, h := range c.m {
		if rel != "." {
			c.drop(rel, h)
		}
	}
}

func (c *dirCache) drop(rel string, h *dirHandle) {
	delete(c.m, rel)
	h.evicted = true
	if h.refs == 0 {
		h.close()
	}
}

// invalidate forgets rel and everything below it (rel is about to be removed or replaced).
func (c *dirCache) invalidate(rel string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for r, h := range c.m {
		if r != "." && (r == rel || strings.HasPrefix(r, rel+"/")) {
			c.drop(r, h)
		}
	}
}

// closeAll closes every handle, the top included. Nothing may be acquired afterwards.
func (c *dirCache) closeAll() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if top, ok := c.m["."]; ok {
		top.refs--
	}
	for rel, h := range c.m {
		c.drop(rel, h)
	}
}
