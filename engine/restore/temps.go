package restore

import (
	"context"
	"errors"
	"fmt"
	"io/fs"

	"coffre/engine/account"
	"coffre/engine/extract"
)

// RemoveTemps removes the temporary files that a restore run by process pid, now gone, left
// below dirs (the directories it gave Options.Targets). Each directory is opened as the restore
// opened it (from its webspace root in a, or from "/", following no link) and walked without
// following a link; only regular files named as the restore names its temporary files
// (extract.IsTemp) are removed. A directory that no longer exists is skipped. It returns how
// many files it removed.
func RemoveTemps(ctx context.Context, a account.Account, dirs []string, pid int) (int, error) {
	n := 0
	var errs []error
	for _, dir := range dirs {
		root, err := openTarget(a, dir, false)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("remove temporary files below %s: %w", dir, err))
			continue
		}
		k, err := extract.RemoveTemps(ctx, root, pid)
		root.Close()
		n += k
		if err != nil {
			errs = append(errs, fmt.Errorf("remove temporary files below %s: %w", dir, err))
		}
	}
	return n, errors.Join(errs...)
}
