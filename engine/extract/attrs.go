package extract

import (
	"archive/tar"
	"io/fs"
	"os"
	"time"

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
	if h.self == nil { // on the caller's goroutine only (symlinks are not written by workers)
		f, err := h.root.OpenFile(".", unix.O_PATH|unix.O_DIRECTORY, 0) // no read permission needed
		if err != nil {
			return err
		}
		h.self = f
	}
	rc, err := h.self.SyscallConn()
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
