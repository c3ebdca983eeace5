package dump

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
)

// A SQLite database's path is usually in a client's webspace, where the client can put a
// symbolic link in place of the file or of any directory above it. Coffre runs as root: it
// reaches such a path only when no component of it is a link (as SQLite's own
// SQLITE_OPEN_NOFOLLOW asks), and checks the file is still the same one once SQLite is done.

// noLinkDir opens the absolute directory dir, refusing a symbolic link in any component.
func noLinkDir(dir string) (int, error) {
	fd, err := unix.Open("/", unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return -1, err
	}
	for _, part := range strings.Split(strings.Trim(filepath.Clean(dir), "/"), "/") {
		if part == "" {
			continue
		}
		next, err := unix.Openat(fd, part, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
		unix.Close(fd)
		if errors.Is(err, unix.ELOOP) || errors.Is(err, unix.ENOTDIR) {
			return -1, fmt.Errorf("sqlite: %s: %s is a symbolic link or not a directory: give the real path", dir, part)
		}
		if err != nil {
			return -1, fmt.Errorf("sqlite: %s: %w", dir, err)
		}
		fd = next
	}
	return fd, nil
}

// liteFile checks that path is a regular file reached without any link, and returns its
// identity; a missing file is reported with an error wrapping os.ErrNotExist.
func liteFile(path string) (unix.Stat_t, error) {
	var st unix.Stat_t
	dfd, err := noLinkDir(filepath.Dir(path))
	if err != nil {
		return st, err
	}
	defer unix.Close(dfd)
	fd, err := unix.Openat(dfd, filepath.Base(path), unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_NONBLOCK|unix.O_CLOEXEC|unix.O_NOCTTY, 0)
	if errors.Is(err, unix.ENOENT) {
		return st, fmt.Errorf("sqlite database %s: %w", path, os.ErrNotExist)
	}
	if err == nil {
		err = unix.Fstat(fd, &st)
		unix.Close(fd)
	}
	if err == nil && st.Mode&unix.S_IFMT != unix.S_IFREG || errors.Is(err, unix.ELOOP) {
		err = errors.New("not a regular file (a symbolic link is never followed)")
	}
	if err != nil {
		return st, fmt.Errorf("sqlite database %s: %w", path, err)
	}
	return st, nil
}

// sameFile checks that path is still the file first found as st.
func sameFile(path string, st unix.Stat_t) error {
	now, err := liteFile(path)
	if err == nil && (now.Dev != st.Dev || now.Ino != st.Ino) {
		err = fmt.Errorf("sqlite database %s: replaced while it was read or written", path)
	}
	return err
}

// installFile copies the private file src to a new file named base in the directory dirfd
// (mode 0640, owned like the directory), then renames it into place: no link is followed.
func installFile(dirfd int, src, base string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	tmp := fmt.Sprintf(".coffre-restore-%d-%s", os.Getpid(), base)
	fd, err := unix.Openat(dirfd, tmp, unix.O_WRONLY|unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0o640)
	if err != nil {
		return fmt.Errorf("sqlite: create %s: %w", tmp, err)
	}
	f := os.NewFile(uintptr(fd), tmp)
	_, err = f.ReadFrom(in)
	if err == nil {
		err = chownLike(f, dirfd)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = unix.Renameat(dirfd, tmp, dirfd, base)
	}
	if err != nil {
		unix.Unlinkat(dirfd, tmp, 0)
		return fmt.Errorf("sqlite: write %s: %w", base, err)
	}
	return nil
}

// chownLike gives f the owner of the directory dirfd, when running as root.
func chownLike(f *os.File, dirfd int) error {
	var st unix.Stat_t
	if os.Geteuid() != 0 {
		return nil
	}
	if err := unix.Fstat(dirfd, &st); err != nil {
		return err
	}
	return f.Chown(int(st.Uid), int(st.Gid))
}
