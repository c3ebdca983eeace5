package scan

import (
	"errors"
	"fmt"

	"golang.org/x/sys/unix"
)

var errChangedType = errors.New("changed type since it was listed")

// OpenDir opens the directory name in dirfd without following a link, and checks that it is
// still the directory listed as e (same device and inode). The caller closes the descriptor.
func OpenDir(dirfd int, name string, e *Entry) (int, error) {
	fd, err := unix.Openat(dirfd, name, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	if err != nil {
		if errors.Is(err, unix.ELOOP) || errors.Is(err, unix.ENOTDIR) {
			err = fmt.Errorf("%w: %w", errChangedType, err)
		}
		return -1, err
	}
	if err := recheck(fd, e, unix.S_IFDIR); err != nil {
		unix.Close(fd)
		return -1, err
	}
	return fd, nil
}

// OpenFile opens the regular file name in dirfd for reading without following a link and
// without blocking (a FIFO put in its place is never waited on), then checks with fstat that
// it is still the file listed as e. A file swapped for a link, a directory, a device or another
// file fails with an error for which Code says ChangedType, and nothing is read. When it is the
// same file but its size or mtime changed since the walk, OpenFile returns the descriptor with
// an error wrapping errModified. The caller closes the descriptor (unix.Close).
func OpenFile(dirfd int, name string, e *Entry) (int, error) {
	fd, err := unix.Openat(dirfd, name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC|unix.O_NOCTTY, 0)
	if err != nil {
		if errors.Is(err, unix.ELOOP) {
			err = fmt.Errorf("%w: now a symlink", errChangedType)
		}
		return -1, err
	}
	err = recheck(fd, e, unix.S_IFREG) // O_NONBLOCK does not change reads of a regular file
	if err != nil && !errors.Is(err, errModified) {
		unix.Close(fd)
		return -1, err
	}
	return fd, err
}

// errModified says that a file's size or mtime is no longer the one listed.
var errModified = errors.New("modified since it was listed")

// recheck compares what fd is with what the walk saw.
func recheck(fd int, e *Entry, kind uint32) error {
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil {
		return err
	}
	if st.Mode&unix.S_IFMT != kind || st.Dev != e.Dev || st.Ino != e.Ino {
		return fmt.Errorf("%w (mode %o, inode %d, was %d)", errChangedType, st.Mode, st.Ino, e.Ino)
	}
	if kind == unix.S_IFREG && (st.Size != e.Size || st.Mtim.Nano() != e.MTime) {
		return errModified // still the same file: it is read, and said to have changed
	}
	return nil
}
