package failure

import (
	"errors"
	"io/fs"
	"syscall"
)

// systemOf sorts what the operating system refused.
func systemOf(err error) Info {
	switch {
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		return Info{Code: NoSpace}
	case errors.Is(err, fs.ErrPermission):
		return Info{Code: Permission}
	}
	return Info{Code: Internal}
}
