package extract

import (
	"errors"
	"io/fs"
	"os"
	"strconv"
	"syscall"

	"golang.org/x/sys/unix"
)

// Files are made without a name (O_TMPFILE) and linked to their name once whole: a killed
// restore leaves nothing behind, and a new file costs no rename. Where a file already stands at
// the name, the whole file is linked under a temporary name that is renamed over it. File
// systems without O_TMPFILE, and systems without /proc (where linkat reaches the unnamed file
// when it may not by its descriptor alone), get temporary names throughout.

// unnamedFlags make a file without a name in the directory opened (O_TMPFILE); see createFlags
// for O_NONBLOCK.
const unnamedFlags = os.O_WRONLY | unix.O_TMPFILE | syscall.O_NONBLOCK

// procFD is where linkat finds an open file by its descriptor when AT_EMPTY_PATH is not allowed.
const procFD = "/proc/self/fd/"

// canUnname reports whether this system can link a file made without a name.
func canUnname() bool {
	_, err := os.Stat(procFD)
	return err == nil
}

// createUnnamed makes a file without a name in h's directory, through h's Root. It returns nil
// and no error when the file system cannot (the Writer then uses temporary names).
func (w *Writer) createUnnamed(h *dirHandle) (*os.File, error) {
	if w.named.Load() {
		return nil, nil
	}
	f, err := h.root.OpenFile(".", unnamedFlags, 0o600)
	if errors.Is(err, syscall.EOPNOTSUPP) || errors.Is(err, syscall.EISDIR) || errors.Is(err, syscall.EINVAL) {
		w.named.Store(true)
		return nil, nil
	}
	return f, err
}

// writeUnnamed writes the file f that createUnnamed made (or reports its error), sets its
// attributes and links it to base in h.
func (w *Writer) writeUnnamed(h *dirHandle, f *os.File, err error, base string, m meta, content func(*os.File) error) error {
	if err != nil {
		return err
	}
	err = content(f)
	if err == nil {
		err = w.finish(f, m)
	}
	if err == nil {
		err = w.name(h, f, base)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// name links the unnamed file f to base in h; where something stands at base, f is linked
// under a temporary name renamed over it (place).
func (w *Writer) name(h *dirHandle, f *os.File, base string) error {
	err := w.linkIn(h, f, base)
	if !errors.Is(err, fs.ErrExist) {
		return err
	}
	for i := 0; ; i++ {
		tmp := w.tempName()
		err := w.linkIn(h, f, tmp)
		if err == nil {
			return place(h, tmp, base)
		}
		if !errors.Is(err, fs.ErrExist) || i == 9 {
			return err
		}
	}
}

// linkIn gives the open file f the name base (one component) in h's directory, with linkat(2)
// on the directory's descriptor: base is never followed, and an existing base is an error.
// linkat reaches f by its descriptor (AT_EMPTY_PATH, which needs CAP_DAC_READ_SEARCH before
// Linux 6.10), else through /proc/self/fd.
func (w *Writer) linkIn(h *dirHandle, f *os.File, base string) error {
	fc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	dc, err := h.dirConn()
	if err != nil {
		return err
	}
	cerr := fc.Control(func(ffd uintptr) {
		if cerr := dc.Control(func(dfd uintptr) { err = w.linkat(int(ffd), int(dfd), base) }); err == nil {
			err = cerr
		}
	})
	if err != nil {
		return &os.LinkError{Op: "linkat", Old: f.Name(), New: base, Err: err}
	}
	return cerr
}

func (w *Writer) linkat(fd, dirfd int, base string) error {
	if !w.viaProc.Load() {
		err := unix.Linkat(fd, "", dirfd, base, unix.AT_EMPTY_PATH)
		if err != unix.ENOENT && err != unix.EPERM && err != unix.EINVAL {
			return err
		}
		w.viaProc.Store(true) // not allowed to this process: /proc from now on
	}
	return unix.Linkat(unix.AT_FDCWD, procFD+strconv.Itoa(fd), dirfd, base, unix.AT_SYMLINK_FOLLOW)
}
