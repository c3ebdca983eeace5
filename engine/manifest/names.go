package manifest

import (
	"fmt"
	"strconv"
	"strings"
)

// Object name suffixes of a backup N.
const (
	ArchiveSuffix  = ".tar.zst"       // N.tar.zst, or N.tar.zst.001, .002, ... when split
	IndexSuffix    = ".index.zst"     // N.index.zst
	ManifestSuffix = ".manifest.json" // N.manifest.json, written last
)

// VolumeName is the object name of volume i (0-based) of backup n: N.tar.zst when the archive
// is not split, else N.tar.zst.001, .002, ... (three digits, more beyond 999).
func VolumeName(n string, split bool, i int) string {
	if !split {
		return n + ArchiveSuffix
	}
	return fmt.Sprintf("%s%s.%03d", n, ArchiveSuffix, i+1)
}

// IndexName is the object name of backup n's index.
func IndexName(n string) string { return n + IndexSuffix }

// ManifestName is the object name of backup n's manifest.
func ManifestName(n string) string { return n + ManifestSuffix }

// BackupOf returns the backup an object name belongs to, if it is one of a backup's objects.
func BackupOf(object string) (string, bool) {
	if n, ok := sealedBackupOf(object); ok {
		return n, true
	}
	for _, s := range []string{ManifestSuffix, IndexSuffix, ArchiveSuffix} {
		if n, ok := strings.CutSuffix(object, s); ok && n != "" {
			return n, true
		}
	}
	i := strings.LastIndex(object, ArchiveSuffix+".")
	if i <= 0 {
		return "", false
	}
	num := object[i+len(ArchiveSuffix)+1:]
	if v, err := strconv.Atoi(num); err != nil || v < 1 || len(num) < 3 || num[0] == '+' {
		return "", false
	}
	return object[:i], true
}
