package backup

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"coffre/engine/account"
	"coffre/engine/scan"

	"golang.org/x/sys/unix"
)

// checkMaildir refuses a Maildir inside one of the account's webspaces that was reached
// through a symbolic link: the tenant can put one there in place of any folder above its
// Maildir (pointing at another client's mail). The Maildir is opened again from the webspace's
// root one folder at a time, following no link, and must be the directory that the scan
// listed (top, the scan's first entry).
func checkMaildir(a account.Account, dir string, top *scan.Entry) error {
	for _, s := range a.Subscriptions {
		rel, err := filepath.Rel(s.Root, dir)
		if err != nil || rel == "." || !filepath.IsLocal(rel) || !filepath.IsAbs(s.Root) {
			continue
		}
		fd, err := unix.Open(s.Root, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
		if err != nil {
			return fmt.Errorf("maildir %s: %w", dir, err)
		}
		for _, part := range strings.Split(rel, string(filepath.Separator)) {
			next, err := unix.Openat(fd, part, unix.O_RDONLY|unix.O_DIRECTORY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
			unix.Close(fd)
			if errors.Is(err, unix.ELOOP) || errors.Is(err, unix.ENOTDIR) {
				return fmt.Errorf("maildir %s: %s is a symbolic link or not a folder", dir, part)
			}
			if err != nil {
				return fmt.Errorf("maildir %s: %w", dir, err)
			}
			fd = next
		}
		var st unix.Stat_t
		err = unix.Fstat(fd, &st)
		unix.Close(fd)
		if err == nil && (st.Dev != top.Dev || st.Ino != top.Ino) {
			err = errors.New("replaced while it was read")
		}
		if err != nil {
			return fmt.Errorf("maildir %s: %w", dir, err)
		}
	}
	return nil
}
