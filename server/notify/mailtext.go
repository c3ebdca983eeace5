package notify

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"coffre/internal/humanize"
)

// maxShown is how many warnings or problems a mail lists; the others are counted.
const maxShown = 5

// text builds a mail body in one language.
type text struct {
	fr bool
	b  strings.Builder
}

func newText(lang string) *text { return &text{fr: lang == "fr"} }

// t is the word for key in the text's language.
func (w *text) t(key string) string {
	e, ok := catalog[key]
	if !ok {
		_, unknown, _ := strings.Cut(key, ".") // a code this version does not know, shown as is
		return unknown
	}
	if w.fr {
		return e[1]
	}
	return e[0]
}

func (w *text) f(key string, args ...any) string { return fmt.Sprintf(w.t(key), args...) }

// line writes "Label: value" (French: "Label : value").
func (w *text) line(label, value string) {
	sep := ": "
	if w.fr {
		sep = " : "
	}
	w.b.WriteString(w.t("label."+label) + sep + value + "\n")
}

func (w *text) para(s string) { w.b.WriteString(s + "\n\n") }

// size writes n bytes with the language's units and decimal mark, as the panel does.
func (w *text) size(n int64) string {
	if w.fr {
		return humanize.Bytes("fr", n)
	}
	return humanize.Bytes("en", n)
}

func (w *text) count(n int64) string { return strconv.FormatInt(n, 10) }

// duration writes d as "1 h 2 min", "2 min 5 s" or "12 s".
func duration(d time.Duration) string {
	d = d.Round(time.Second)
	h, m, s := int(d.Hours()), int(d.Minutes())%60, int(d.Seconds())%60
	switch {
	case h > 0:
		return fmt.Sprintf("%d h %d min", h, m)
	case m > 0:
		return fmt.Sprintf("%d min %d s", m, s)
	}
	return fmt.Sprintf("%d s", s)
}

// printable shows s as is when it is one line of valid text, else quoted with escapes, so
// that a file name cannot forge lines of the mail. It is cut to about max bytes.
func printable(s string, max int) string {
	if !utf8.ValidString(s) || strings.ContainsFunc(s, unicode.IsControl) {
		s = strconv.Quote(s)
	}
	if len(s) <= max {
		return s
	}
	for max > 0 && !utf8.RuneStart(s[max]) {
		max--
	}
	return s[:max] + "…"
}
