package app

import (
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// verification is the last verification of a backup (server/jobs.Verification).
type verification struct {
	At       time.Time       `json:"at"`
	OK       bool            `json:"ok"`
	Task     string          `json:"task,omitempty"`
	Volumes  int             `json:"volumes"`
	Entries  int64           `json:"entries"`
	Problems []verifyProblem `json:"problems,omitempty"`
	More     int             `json:"more,omitempty"`
}

// verifyProblem is one thing a verification found wrong: the object (a volume, the index, the
// manifest) and, for an entry, its path in the archive.
type verifyProblem struct {
	Object string `json:"object"`
	Path   string `json:"path,omitempty"`
	Error  string `json:"error"`
}

// verifiedCell says when a backup was last verified and what was found: sound, or each
// problem with the volume or entry it is about.
func verifiedCell(f *frame, e backupEntry) app.UI {
	v := e.Verification
	if v == nil {
		return app.Span().Class("muted verified-never").Text(f.t("verify.never"))
	}
	when := app.Span().Class("muted").Text(" " + formatTime(f.lang, v.At))
	if v.OK {
		return app.Span().Class("verified").Body(app.Span().Class("badge ok").Text(f.t("verify.sound")), when)
	}
	items := make([]app.UI, 0, len(v.Problems)+1)
	for _, p := range v.Problems {
		where := p.Object
		if p.Path != "" {
			where += " — " + p.Path
		}
		items = append(items, app.Li().Title(p.Error).Body(app.Code().Text(where), app.Text(": "+shorten(p.Error, 140))))
	}
	if v.More > 0 {
		items = append(items, app.Li().Text(f.t("verify.more", strconv.Itoa(v.More))))
	}
	return app.Div().Class("verified verified-bad").Body(
		app.Span().Class("badge bad").Body(icon("alert"), app.Span().Text(f.t("verify.broken"))), when,
		app.Ul().Class("paths verify-problems").Body(items...),
	)
}

// shorten cuts s to about n bytes on a rune boundary, with an ellipsis.
func shorten(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
