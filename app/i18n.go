package app

import (
	"strconv"
	"strings"
	"time"

	"coffre/engine/account"
)

// The panel's languages. Every message has both; a missing or unknown language reads English.
const (
	langEN = "en"
	langFR = "fr"
)

// words is one message in both languages. {0}, {1}... stand for the arguments.
type words struct{ en, fr string }

// tr returns the message key in lang with its arguments filled in. An unknown key returns the
// key itself, which a test forbids for every key the panel uses.
func tr(lang, key string, args ...string) string {
	w, ok := messages[key]
	if !ok {
		return key
	}
	s := w.en
	if lang == langFR {
		s = w.fr
	}
	for i, a := range args {
		s = strings.ReplaceAll(s, "{"+strconv.Itoa(i)+"}", a)
	}
	return s
}

// pickLang returns the panel language for a browser language tag such as "fr-CA" or "en-US".
func pickLang(tag string) string {
	tag = strings.ToLower(strings.TrimSpace(tag))
	if tag == langFR || strings.HasPrefix(tag, langFR+"-") || strings.HasPrefix(tag, langFR+"_") {
		return langFR
	}
	return langEN
}

// problemText says an API or validation problem in lang: its code's message with its arguments,
// or the server's English words for a code the panel does not know.
func problemText(lang string, p account.Problem) string {
	if _, ok := messages["err."+p.Code]; ok {
		return tr(lang, "err."+p.Code, p.Args...)
	}
	if p.Error != "" {
		return p.Error
	}
	return tr(lang, "err.server_error", p.Code)
}

var monthsFR = [...]string{"janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."}

// formatTime writes a date and time the way each language writes it, in the browser's zone.
func formatTime(lang string, t time.Time) string {
	t = t.In(localZone())
	if lang == langFR {
		return strconv.Itoa(t.Day()) + " " + monthsFR[t.Month()-1] + " " + t.Format("2006 15:04")
	}
	return t.Format("Jan 2, 2006 15:04")
}
