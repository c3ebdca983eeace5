package extract

import (
	"errors"
	"io/fs"
	"os"
	"strconv"
	"unsafe"

	"golang.org/x/sys/unix"
)

// rawFile is a file being written, by its descriptor: opened relative to a directory handle
// (itself opened through os.Root and checked), by a single name component or by no name at all,
// never following a symlink. It costs fewer system calls than an *os.File, which matters when a
// restore writes hundreds of thousands of small files.
type rawFile struct {
	fd   int
	name string // for errors
}

// openUnnamed makes a new file in h that has no name yet (O_TMPFILE): nothing sees it until link.
func openUnnamed(h *dirHandle) (*rawFile, error) {
	fd, err := unix.Openat(h.dfd, ".", unix.O_TMPFILE|unix.O_WRONLY|unix.O_CLOEXEC, 0o600)
	if err != nil {
		return nil, &fs.PathError{Op: "open unnamed file in", Path: h.rel, Err: err}
	}
	return &rawFile{fd: fd, name: h.rel}, nil
}

// openNamed creates name in h, which must not exist (a symlink there is not followed).
func openNamed(h *dirHandle, name string) (*rawFile, error) {
	flags := unix.O_WRONLY | unix.O_CREAT | unix.O_EXCL | unix.O_NOFOLLOW | unix.O_CLOEXEC
	fd, err := unix.Openat(h.dfd, name, flags, 0o600)
	if err != nil {
		return nil, &fs.PathError{Op: "create", Path: name, Err: err}
	}
	return &rawFile{fd: fd, name: name}, nil
}

// noTmpfile reports whether O_TMPFILE failed because the file system or kernel lacks it.
func noTmpfile(err error) bool {
	return errors.Is(err, unix.EOPNOTSUPP) || errors.Is(err, unix.EISDIR) || errors.Is(err, unix.EINVAL)
}

func (f *rawFile) err(op string, err error) error {
	if err == nil {
		return nil
	}
	return &fs.PathError{Op: op, Path: f.name, Err: err}
}

func (f *rawFile) writeAll(p []byte) error {
	for len(p) > 0 {
		n, err := unix.Write(f.fd, p)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return f.err("write", err)
		}
		p = p[n:]
	}
	return nil
}

func (f *rawFile) skip(n int64) error {
	_, err := unix.Seek(f.fd, n, 1)
	return f.err("seek", err)
}

func (f *rawFile) truncate(size int64) error { return f.err("truncate", unix.Ftruncate(f.fd, size)) }

// finish sets owner (when asked: chown first, as it clears setuid and setgid), mode and times,
// and syncs the file when asked.
func (f *rawFile) finish(m meta, owner, sync bool) error {
	if owner {
		if err := unix.Fchown(f.fd, m.uid, m.gid); err != nil {
			return f.err("chown", err)
		}
	}
	if err := unix.Fchmod(f.fd, sysMode(m.mode)); err != nil {
		return f.err("chmod", err)
	}
	if err := f.futimens(m); err != nil {
		return err
	}
	if sync {
		return f.err("fsync", unix.Fsync(f.fd))
	}
	return nil
}

// futimens sets the file's times: utimensat with no path (x/sys has no wrapper for it).
func (f *rawFile) futimens(m meta) error {
	ts := [2]unix.Timespec{timespec(m.atime), timespec(m.mtime)}
	_, _, errno := unix.Syscall6(unix.SYS_UTIMENSAT, uintptr(f.fd), 0, uintptr(unsafe.Pointer(&ts[0])), 0, 0, 0)
	if errno != 0 {
		return f.err("futimens", errno)
	}
	return nil
}

// link gives the unnamed file the name name in h (EEXIST if taken). AT_EMPTY_PATH needs
// CAP_DAC_READ_SEARCH; the /proc/self/fd path works for anyone.
func (f *rawFile) link(h *dirHandle, name string) error {
	err := unix.Linkat(f.fd, "", h.dfd, name, unix.AT_EMPTY_PATH)
	if errors.Is(err, unix.ENOENT) || errors.Is(err, unix.EPERM) {
		err = unix.Linkat(unix.AT_FDCWD, "/proc/self/fd/"+strconv.Itoa(f.fd), h.dfd, name, unix.AT_SYMLINK_FOLLOW)
	}
	if err != nil {
		return &fs.PathError{Op: "link", Path: name, Err: err}
	}
	return nil
}

func (f *rawFile) close() error { return f.err("close", unix.Close(f.fd)) }

// sysMode turns an fs.FileMode into the bits chmod takes.
func sysMode(m os.FileMode) uint32 {
	mode := uint32(m.Perm())
	if m&os.ModeSetuid != 0 {
		mode |= unix.S_ISUID
	}
	if m&os.ModeSetgid != 0 {
		mode |= unix.S_ISGID
	}
	if m&os.ModeSticky != 0 {
		mode |= unix.S_ISVTX
	}
	return mode
}
