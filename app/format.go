package app

import (
	"strconv"
	"strings"
	"time"
)

// formatBytes writes a size the way each language does: "1.5 MB" in English, "1,5 Mo" in
// French (units of 1024 bytes, as hosting panels count).
func formatBytes(lang string, n int64) string {
	units := [...]string{"bytes", "KB", "MB", "GB", "TB"}
	if lang == langFR {
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
	if lang == langFR {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " " + units[u]
}

// formatRate writes a transfer rate: "1.5 MB/s".
func formatRate(lang string, perSecond int64) string {
	return formatBytes(lang, perSecond) + "/s"
}

// formatCount writes a whole number with the language's thousands separator.
func formatCount(lang string, n int64) string {
	s := strconv.FormatInt(n, 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := ","
	if lang == langFR {
		sep = "\u202f" // narrow no-break space
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// formatDuration writes a duration to the second: "45 s", "3 min 05 s", "2 h 07 min".
func formatDuration(d time.Duration) string {
	s := int64(d.Round(time.Second) / time.Second)
	switch {
	case s < 60:
		return strconv.FormatInt(s, 10) + " s"
	case s < 3600:
		return strconv.FormatInt(s/60, 10) + " min " + twoDigits(s%60) + " s"
	default:
		return strconv.FormatInt(s/3600, 10) + " h " + twoDigits(s/60%60) + " min"
	}
}

func twoDigits(n int64) string {
	if n < 10 {
		return "0" + strconv.FormatInt(n, 10)
	}
	return strconv.FormatInt(n, 10)
}

// percent is done out of total as a whole percentage from 0 to 100; ok is false when the total
// is not known.
func percent(done, total int64) (p int, ok bool) {
	if total <= 0 {
		return 0, false
	}
	if done >= total {
		return 100, true
	}
	if done <= 0 {
		return 0, true
	}
	return int(done * 100 / total), true
}
