package storage

import (
	"os"

	"golang.org/x/sys/unix"
)

// startWriteback starts writing the n bytes at off of f to the disk (sync_file_range). It is
// only a head start: errors are left to the fsync that follows.
func startWriteback(f *os.File, off, n int64) {
	if rc, err := f.SyscallConn(); err == nil {
		rc.Control(func(fd uintptr) { unix.SyncFileRange(int(fd), off, n, unix.SYNC_FILE_RANGE_WRITE) })
	}
}
