package extract

import (
	"archive/tar"
	"io/fs"
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

// setTimes sets the times of the child name of the directory dfd ("." for the directory
// itself), never following a symlink.
func setTimes(dfd int, name string, m meta) error {
	ts := []unix.Timespec{timespec(m.atime), timespec(m.mtime)}
	if err := unix.UtimesNanoAt(dfd, name, ts, unix.AT_SYMLINK_NOFOLLOW); err != nil {
		return &fs.PathError{Op: "utimensat", Path: name, Err: err}
	}
	return nil
}

// setDirAttrs sets a directory's owner (when asked), mode and times through its descriptor
// (no lookup: a mode without search permission does not get in the way).
func setDirAttrs(dfd int, m meta, owner bool) error {
	f := rawFile{fd: dfd, name: "directory"}
	return f.finish(m, owner, false)
}
