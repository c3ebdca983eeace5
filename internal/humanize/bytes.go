package humanize

import (
	"strconv"
	"strings"
)

// Bytes writes a size the way each language does: "1.5 MB" in English, "1,5 Mo" in French
// (lang "fr"; anything else is English), in units of 1024 bytes as hosting panels count, with
// one decimal under 100 and none above.
func Bytes(lang string, n int64) string {
	units := [...]string{"bytes", "KB", "MB", "GB", "TB"}
	if lang == "fr" {
		units = [...]string{"octets", "Ko", "Mo", "Go", "To"}
	}
	if n < 1024 {
		return strconv.FormatInt(n, 10) + " " + units[0]
	}
	v, u := float64(n), 0
	for v >= 1024 && u < len(units)-1 {
		v /= 1024
		u++
	}
	digits := 1
	if v >= 100 {
		digits = 0
	}
	s := strconv.FormatFloat(v, 'f', digits, 64)
	if lang == "fr" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " " + units[u]
}
