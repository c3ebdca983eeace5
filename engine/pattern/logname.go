package pattern

import "strings"

// IsLogName reports whether a file's base name looks like a log, for "Exclude log files".
//
// The rule: ignoring ASCII case, the name ends in ".log", "_log" or "-log" once at most four
// rotation or compression suffixes are taken off its end. Those suffixes are ".gz", ".bz2",
// ".xz", ".zst", ".old", ".processed", ".webstat", and a run of digits and dashes after a "."
// or starting with "-" (".1", ".2024-01-01", "-20240101").
//
// Logs: "error.log", "access_log", "access_ssl_log", "proxy_error_log", "app-log", "app.log.1",
// "app.log.2.gz", "app.log.old", "access_log.processed", "access_log.processed.1.gz",
// "access.log-20240101.gz", "ERROR.LOG". Not logs: "catalog.php", "blog", "login.html",
// "logo.png", "changelog", "syslog", "logs", "backup.gz". Directories are not judged by name:
// the scanner excludes the subscription's log directories itself.
func IsLogName(name string) bool {
	for range 5 {
		if hasSuffixFold(name, ".log") || hasSuffixFold(name, "_log") || hasSuffixFold(name, "-log") {
			return true
		}
		var ok bool
		if name, ok = trimRotation(name); !ok {
			return false
		}
	}
	return false
}

// rotationSuffixes are the fixed suffixes a rotated or compressed log may carry.
var rotationSuffixes = []string{".gz", ".bz2", ".xz", ".zst", ".old", ".processed", ".webstat"}

// trimRotation takes one rotation or compression suffix off name.
func trimRotation(name string) (string, bool) {
	for _, suf := range rotationSuffixes {
		if hasSuffixFold(name, suf) {
			return name[:len(name)-len(suf)], true
		}
	}
	i, digits := len(name), false
	for i > 0 && (name[i-1] >= '0' && name[i-1] <= '9' || name[i-1] == '-') {
		digits = digits || name[i-1] != '-'
		i--
	}
	switch {
	case !digits || i == len(name):
		return name, false
	case name[i] == '-':
		return name[:i], true
	case i > 0 && name[i-1] == '.':
		return name[:i-1], true
	}
	return name, false
}

func hasSuffixFold(s, suffix string) bool {
	return len(s) >= len(suffix) && strings.EqualFold(s[len(s)-len(suffix):], suffix)
}
