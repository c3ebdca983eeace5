package app

import (
	"regexp"
	"strings"
)

var spaceShort = regexp.MustCompile(`not enough free space: about ([0-9.]+ [A-Za-z]+) needed, ([0-9.]+ [A-Za-z]+) free in (\S+)`)

// taskErrorText says a task's error in lang: the refusals and failures the panel knows in
// their words, any other error as the server wrote it.
func taskErrorText(lang, msg string) string {
	switch {
	case spaceShort.MatchString(msg):
		m := spaceShort.FindStringSubmatch(msg)
		return tr(lang, "space.short", sizeIn(lang, m[1]), sizeIn(lang, m[2]), m[3])
	case strings.Contains(msg, "the storage's file system is full"):
		return tr(lang, "space.full")
	case strings.Contains(msg, "wrong backup password"):
		return tr(lang, "err.wrong_backup_password")
	case strings.Contains(msg, "the backup is password-protected"):
		return tr(lang, "err.backup_password_required")
	}
	return msg
}

// sizeIn rewrites an English size ("21.0 MB") the way lang writes it.
func sizeIn(lang, s string) string {
	if lang != langFR {
		return s
	}
	r := strings.NewReplacer(".", ",", "bytes", "octets", "KB", "Ko", "MB", "Mo", "GB", "Go", "TB", "To")
	return r.Replace(s)
}
