package extract

import (
	"archive/tar"
	"io/fs"
	"os"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// meta is what an entry restores besides its content.
type meta struct {
	mode         fs.FileMode // permission bits with setuid, setgid and sticky
	uid, gid     int
	mtime, atime time.Time
	size         int64
}

func metaOf(hdr *tar.Header) meta {
	return meta{
		mode:  fileMode(hdr.Mode),
		uid:   hdr.Uid,
		gid:   hdr.Gid,
		mtime: hdr.ModTime,
		atime: hdr.AccessTime,
		size:  hdr.Size,
	}
}

// fileMode turns a tar mode (st_mode & 07777) into an fs.FileMode that Chmod understands.
func fileMode(m int64) fs.FileMode {
	mode := fs.FileMode(m & 0o777)
	if m&0o4000 != 0 {
		mode |= fs.ModeSetuid
	}
	if m&0o2000 != 0 {
		mode |= fs.ModeSetgid
	}
	if m&0o1000 != 0 {
		mode |= fs.ModeSticky
	}
	return mode
}

// setDirAttrs sets the owner (when asked), times and mode of the directory that root is,
// through root: the mode last, as a mode without search permission would stop the others.
func setDirAttrs(root *os.Root, m meta, owner bool) error {
	if owner {
		if err := root.Lchown(".", m.uid, m.gid); err != nil {
			return err
		}
	}
	if err := root.Chtimes(".", m.atime, m.mtime); err != nil {
		return err
	}
	return root.Chmod(".", m.mode)
}

// setSymlinkTimes sets the times of the symlink name in h, not of its target.
//
// The one write of the package that does not go through an os.Root: os.Root has no Lchtimes
// (its Chtimes follows a symlink), so this calls utimensat(AT_SYMLINK_NOFOLLOW) relative to
// the descriptor of h's directory, itself opened through h.root, with the single name
// component of a symlink that this run has just made there.
func setSymlinkTimes(h *dirHandle, name string, m meta) error {
	rc, err := h.dirConn()
	if err != nil {
		return err
	}
	ts := []unix.Timespec{timespec(m.atime), timespec(m.mtime)}
	cerr := rc.Control(func(fd uintptr) {
		err = unix.UtimesNanoAt(int(fd), name, ts, unix.AT_SYMLINK_NOFOLLOW)
	})
	if err != nil {
		return &fs.PathError{Op: "utimensat", Path: name, Err: err}
	}
	return cerr
}

func timespec(t time.Time) unix.Timespec {
	if t.IsZero() {
		return unix.Timespec{Nsec: unix.UTIME_OMIT}
	}
	return unix.Timespec{Sec: t.Unix(), Nsec: int64(t.Nanosecond())}
}

// setFileTimes sets the times of the open file f through its descriptor (futimens), after its
// content: no name is looked up.
func setFileTimes(f *os.File, m meta) error {
	rc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	ts := [2]unix.Timespec{timespec(m.atime), timespec(m.mtime)}
	cerr := rc.Control(func(fd uintptr) {
		// utimensat(fd, NULL, ts, 0) is futimens(fd, ts): the descriptor's own file.
		_, _, e := unix.Syscall6(unix.SYS_UTIMENSAT, fd, 0, uintptr(unsafe.Pointer(&ts[0])), 0, 0, 0)
		if e != 0 {
			err = &fs.PathError{Op: "futimens", Path: f.Name(), Err: e}
		}
	})
	if err != nil {
		return err
	}
	return cerr
}

// renameIn renames tmp to base in h's directory, both single name components, with
// renameat(2) on the directory's descriptor: neither name is followed if it is a symlink (base
// is replaced, whatever it is, except a directory: EISDIR). This is what h.root.Rename does,
// without its lookups of base before the call, which renameat(2) makes itself.
func renameIn(h *dirHandle, tmp, base string) error {
	rc, err := h.dirConn()
	if err != nil {
		return err
	}
	cerr := rc.Control(func(fd uintptr) {
		err = unix.Renameat(int(fd), tmp, int(fd), base)
	})
	if err != nil {
		return &os.LinkError{Op: "renameat", Old: tmp, New: base, Err: err}
	}
	return cerr
}
