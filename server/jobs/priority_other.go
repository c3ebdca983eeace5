//go:build !linux

package jobs

import "errors"

// lowPriority is only implemented on Linux.
func lowPriority() error { return errors.New("low priority is only available on Linux") }
