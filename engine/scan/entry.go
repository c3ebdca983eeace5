package scan

import (
	"golang.org/x/sys/unix"

	"coffre/engine/index"
	"coffre/engine/progress"
)

// Entry is one path found by Walk.
type Entry struct {
	Rel   string     // slash path relative to the webspace root; "" for the root itself
	Type  index.Type // index.Dir, File, Symlink, or Hardlink (a later name of a File's inode)
	Mode  uint32     // st_mode & 07777
	UID   uint32
	GID   uint32
	Size  int64  // File and Hardlink only
	Alloc int64  // File: the bytes its blocks take on disk (less than Size when it is sparse)
	MTime int64  // nanoseconds since the Unix epoch
	CTime int64  // the inode's change time, nanoseconds since the Unix epoch
	Link  string // Symlink: the target as stored; Hardlink: Rel of the group's File
	Dev   uint64
	Ino   uint64
	Nlink uint64
}

// Warning codes, as in backup.Warning.
const (
	ChangedType     = progress.ChangedType
	SpecialFile     = progress.SpecialFile
	Vanished        = progress.Vanished
	ChangedWhile    = progress.ChangedWhile
	ForeignHardlink = progress.ForeignHardlink
	MountPoint      = progress.MountPoint
	Unreadable      = progress.Unreadable
)

func fromStat(rel string, st *unix.Stat_t) Entry {
	e := Entry{Rel: rel, Mode: st.Mode & 0o7777, UID: st.Uid, GID: st.Gid,
		MTime: st.Mtim.Nano(), CTime: st.Ctim.Nano(), Dev: st.Dev, Ino: st.Ino, Nlink: uint64(st.Nlink)}
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFDIR:
		e.Type = index.Dir
	case unix.S_IFREG:
		e.Type, e.Size, e.Alloc = index.File, st.Size, st.Blocks*512
	case unix.S_IFLNK:
		e.Type = index.Symlink
	}
	return e
}

// Join is rel's child name as a slash path.
func Join(rel, name string) string {
	if rel == "" {
		return name
	}
	return rel + "/" + name
}
