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

func timespec(t time.Time) unix.Timespec {
	if t.IsZero() {
		return unix.Timespec{Nsec: unix.UTIME_OMIT}
	}
	return unix.Timespec{Sec: t.Unix(), Nsec: int64(t.Nanosecond())}
}

// setTimes sets the times of dir's child name ("." for dir itself), never following a symlink.
func setTimes(dir *os.File, name string, m meta) error {
	ts := []unix.Timespec{timespec(m.atime), timespec(m.mtime)}
	raw, err := dir.SyscallConn()
	if err != nil {
		return err
	}
	var serr error
	err = raw.Control(func(fd uintptr) {
		serr = unix.UtimesNanoAt(int(fd), name, ts, unix.AT_SYMLINK_NOFOLLOW)
	})
	if err == nil {
		err = serr
	}
	if err != nil {
		return &fs.PathError{Op: "utimensat", Path: name, Err: err}
	}
	return nil
}

// setFileAttrs sets owner (when asked) then mode on an open file: chown first, as it clears
// setuid and setgid.
func setFileAttrs(f *os.File, m meta, owner bool) error {
	if owner {
		if err := f.Chown(m.uid, m.gid); err != nil {
			return err
		}
	}
	return f.Chmod(m.mode)
}
