package app

import (
	"encoding/json"
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// verifyReport is what a verification task returned (engine/verify.Report).
type verifyReport struct {
	Backup   string          `json:"backup"`
	Volumes  int             `json:"volumes"`
	Entries  int64           `json:"entries"`
	Bytes    int64           `json:"bytes"`
	Indexed  int64           `json:"indexed"`
	Problems []verifyProblem `json:"problems"`
	More     int             `json:"more,omitempty"`
}

// verifyFacts are a verification's figures and each problem it found, with the volume, the
// index or the manifest it is about and, for an entry, its path; nil when the task has no report.
func verifyFacts(f *frame, t task) app.UI {
	var r verifyReport
	if t.Kind != "verify" || len(t.Result) == 0 || json.Unmarshal(t.Result, &r) != nil || r.Backup == "" {
		return nil
	}
	facts := []app.UI{
		fact(f.t("col.name"), app.Code().ID("verify-backup").Text(r.Backup)),
		fact(f.t("col.volumes"), app.Text(strconv.Itoa(r.Volumes))),
		fact(f.t("verify.entries"), app.Text(formatCount(f.lang, r.Entries))),
		fact(f.t("col.size"), app.Text(formatBytes(f.lang, r.Bytes))),
	}
	if len(r.Problems) == 0 {
		return app.Dl().Class("facts result-facts").ID("verify-facts").Body(facts...)
	}
	items := make([]app.UI, 0, len(r.Problems)+1)
	for _, p := range r.Problems {
		where := p.Object
		if p.Path != "" {
			where += " — " + p.Path
		}
		items = append(items, app.Li().Body(app.Code().Text(where), app.Text(": "+p.Error)))
	}
	if r.More > 0 {
		items = append(items, app.Li().Text(f.t("verify.more", strconv.Itoa(r.More))))
	}
	facts = append(facts, app.Div().Class("fact-wide").Body(
		app.Dt().Text(f.t("verify.problems", strconv.Itoa(len(r.Problems)+r.More))),
		app.Dd().Body(app.Ul().Class("paths verify-problems").ID("verify-problems").Body(items...))))
	return app.Dl().Class("facts result-facts").ID("verify-facts").Body(facts...)
}
