package backup

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"coffre/engine/manifest"
	"coffre/engine/storage"
)

// backupName is "<login>_<UTC time>_<full|incr>", with "-2", "-3"... when that name is taken.
func backupName(login string, at time.Time, full bool, c *catalog) (string, error) {
	kind := "incr"
	if full {
		kind = "full"
	}
	base := fmt.Sprintf("%s_%s_%s", safeLogin(login), at.UTC().Format("2006-01-02T150405Z"), kind)
	for i := 1; i < 1000; i++ {
		n := base
		if i > 1 {
			n = fmt.Sprintf("%s-%d", base, i)
		}
		if _, taken := c.backups[n]; !taken && storage.ValidName(manifest.ManifestName(n)) {
			return n, nil
		}
	}
	return "", fmt.Errorf("name backup %s: every name is taken", base)
}

// safeLogin keeps the bytes a storage name allows.
func safeLogin(login string) string {
	s := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' {
			return r
		}
		return '-'
	}, login)
	s = strings.TrimLeft(s, "-")
	if s == "" {
		s = "client"
	}
	return s[:min(len(s), 100)]
}

func errorsIsNotFound(err error) bool { return errors.Is(err, storage.ErrNotFound) }
