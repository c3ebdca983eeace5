package extract

import (
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"strings"
	"sync"
	"syscall"

	"golang.org/x/sys/unix"
)

// dirHandle is one directory of the target, opened once as an os.Root and checked to be a real
// directory at its place (not a symlink): everything made in it goes through its Root, by one
// name component.
type dirHandle struct {
	rel     string
	root    *os.Root
	refs    int
	evicted bool
	// self is the directory itself, opened through root (O_PATH) on first use: the *at system
	// calls that os.Root does not offer (or offers at the cost of extra lookups) take it with
	// one name component, see renameIn, linkIn and setSymlinkTimes.
	selfOnce sync.Once
	self     *os.File
	selfErr  error
}

// dir returns h's directory opened as self; workers may call it at the same time.
func (h *dirHandle) dir() (*os.File, error) {
	h.selfOnce.Do(func() {
		h.self, h.selfErr = h.root.OpenFile(".", unix.O_PATH|unix.O_DIRECTORY, 0) // no read permission needed
	})
	return h.self, h.selfErr
}

// dirConn returns the raw descriptor of h's directory.
func (h *dirHandle) dirConn() (syscall.RawConn, error) {
	f, err := h.dir()
	if err != nil {
		return nil, err
	}
	return f.SyscallConn()
}

func (h *dirHandle) close() {
	if h.self != nil {
		h.self.Close()
	}
	h.root.Close()
}

// dirCache holds directory handles. acquire and invalidate run on the caller's goroutine;
// release runs on any.
type dirCache struct {
	mu    sync.Mutex
	m     map[string]*dirHandle
	limit int
	seed  maphash.Seed
	known map[uint64]bool // directories this run entered; true for those it made
}

const dirCacheLimit = 256

// newDirCache serves the directories below root, which it owns from now on.
func newDirCache(root *os.Root) *dirCache {
	top := &dirHandle{rel: ".", root: root, refs: 1} // the top is never evicted
	return &dirCache{m: map[string]*dirHandle{".": top}, limit: dirCacheLimit,
		seed: maphash.MakeSeed(), known: map[uint64]bool{}}
}

// acquire returns the handle of directory rel, making missing directories (mode 0755 before
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
	h, err := c.openChild(parent, rel, base)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.evict()
	c.m[rel] = h
	return h, nil
}

func (c *dirCache) key(rel string) uint64 { return maphash.String(c.seed, rel) }

// made reports whether this run made directory rel: nothing but what it wrote is in it.
func (c *dirCache) made(rel string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.known[c.key(rel)]
}

// entered reports whether this run made or opened directory rel.
func (c *dirCache) entered(rel string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	_, ok := c.known[c.key(rel)]
	return ok
}

func (c *dirCache) mark(rel string, made bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	k := c.key(rel)
	c.known[k] = c.known[k] || made
}

// forget drops what the cache knows of rel, which is being replaced by something else.
func (c *dirCache) forget(rel string) {
	c.mu.Lock()
	delete(c.known, c.key(rel))
	c.mu.Unlock()
	c.invalidate(rel)
}

// mkdir makes directory base in parent. A non-directory standing there is removed first when
// replace is set (never followed), else refused. made says whether the directory is new.
func (c *dirCache) mkdir(parent *dirHandle, rel, base string, replace bool) (made bool, err error) {
	err = parent.root.Mkdir(base, 0o755)
	if !errors.Is(err, fs.ErrExist) {
		c.mark(rel, err == nil)
		return err == nil, err
	}
	fi, err := parent.root.Lstat(base)
	switch {
	case err != nil:
		return false, err
	case fi.IsDir():
		c.mark(rel, false)
		return false, nil
	case !replace:
		return false, notDir(rel, fi)
	}
	if err := parent.root.Remove(base); err != nil {
		return false, err
	}
	return c.mkdir(parent, rel, base, false)
}

// openChild opens parent's child base as a directory, making it if this run has not, without
// following a symlink.
func (c *dirCache) openChild(parent *dirHandle, rel, base string) (*dirHandle, error) {
	made := c.made(rel)
	if !made {
		err := parent.root.Mkdir(base, 0o755)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		made = err == nil
	}
	root, err := openDir(parent.root, rel, base)
	if errors.Is(err, fs.ErrNotExist) && made { // made, then replaced: make it again
		c.forget(rel)
		if _, err = c.mkdir(parent, rel, base, false); err == nil {
			root, err = openDir(parent.root, rel, base)
		}
	}
	if err != nil {
		return nil, err
	}
	c.mark(rel, made)
	return &dirHandle{rel: rel, root: root, refs: 1}, nil
}

// openDir opens parent's child base, which must be a directory (a symlink is refused), as a
// Root, and checks that the Root is the very directory it looked at.
func openDir(parent *os.Root, rel, base string) (*os.Root, error) {
	fi, err := parent.Lstat(base)
	if err != nil {
		return nil, err
	}
	if !fi.IsDir() {
		return nil, notDir(rel, fi)
	}
	root, err := parent.OpenRoot(base)
	if err != nil {
		if swapped(err) { // a directory a moment ago, a symlink now
			return nil, fmt.Errorf("%w: %q changed while opened: %w", ErrUnsafe, rel, err)
		}
		return nil, err
	}
	if now, err := root.Stat("."); err != nil || !os.SameFile(fi, now) {
		root.Close()
		return nil, fmt.Errorf("%w: %q changed while opened", ErrUnsafe, rel)
	}
	return root, nil
}

// swapped reports whether os.Root refused to open a directory because a symlink now stands
// there: one that loops or leads outside the parent (which os.Root reports with ELOOP or its
// "path escapes" error), or to something that is not a directory.
func swapped(err error) bool {
	return errors.Is(err, syscall.ELOOP) || errors.Is(err, syscall.ENOTDIR) ||
		strings.Contains(err.Error(), "path escapes from parent")
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
