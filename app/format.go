package app

import (
	"strconv"
	"strings"
	"time"

	"coffre/internal/humanize"
)

// formatBytes writes a size in the panel's language: "1.5 MB", "1,5 Mo".
func formatBytes(lang string, n int64) string { return humanize.Bytes(lang, n) }

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
