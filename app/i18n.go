package app

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

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
		s = elide(frenchSpaces.Replace(w.fr), args)
	}
	for i, a := range args {
		s = strings.ReplaceAll(s, "{"+strconv.Itoa(i)+"}", a)
	}
	return s
}

// frenchSpaces puts the no-break spaces of French typography in a message (not in its
// arguments, which may be paths or addresses): a narrow one before : ; ! ? and inside « ».
var frenchSpaces = strings.NewReplacer(" :", "\u202f:", " ;", "\u202f;", " !", "\u202f!", " ?", "\u202f?",
	"« ", "«\u202f", " »", "\u202f»")

// elide writes "d'Acme", not "de Acme": "de" and "que" before an argument that begins with a
// vowel lose their e.
func elide(s string, args []string) string {
	for i, a := range args {
		r, _ := utf8.DecodeRuneInString(a)
		if !strings.ContainsRune("aeiouyàâéèêëîïôûAEIOUYÀÂÉÈÊËÎÏÔÛ", r) {
			continue
		}
		n := "{" + strconv.Itoa(i) + "}"
		s = strings.NewReplacer(" de "+n, " d'"+n, "De "+n, "D'"+n, " que "+n, " qu'"+n).Replace(s)
		if strings.HasPrefix(s, "de "+n) {
			s = "d'" + s[3:]
		}
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
