package app

import (
	"slices"

	"coffre/engine/pattern"
	"coffre/engine/spec"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// excludeQuestion: Exclude specific files, with the rules of docs/exclusions.md, each pattern checked as it is
// typed, and Preview.
func (p *backupPage) excludeQuestion(req spec.Backup, c formCheck) app.UI {
	f := p.form
	reason := f.excludeReason()
	area := areaText(app.Textarea().ID("exclude").Rows(4).Spellcheck(false).Attr("autocapitalize", "none").
		Attr("autocomplete", "off").OnInput(p.setText(&p.form.Exclude)).
		Aria("describedby", "exclude-rules exclude-check"), f.Exclude)
	if reason != "" || !f.ExcludeSome {
		area = area.Disabled(true)
	}
	if len(c.patterns) > 0 {
		area = area.Aria("invalid", "true")
	}
	return app.Div().Class("question").Body(
		p.optionUI(option{id: "exclude-some", label: p.t("form.excludeSome"), help: p.t("form.excludeSome.help"),
			reason: reason, checked: f.ExcludeSome, onChange: p.setBool(&p.form.ExcludeSome), nested: []app.UI{
				app.Div().Class("field").Body(
					app.Label().For("exclude").Text(p.t("form.exclude.label")),
					p.patternRules(),
					area,
					p.patternList(req.Exclude, c),
				),
			}}),
		p.fieldErrors("exclude", c.fields["exclude"]),
		p.previewUI(req, c),
	)
}

// patternRules are the rules of docs/exclusions.md for the patterns.
func (p *backupPage) patternRules() app.UI {
	return app.Ul().Class("rules help").ID("exclude-rules").Body(
		app.Li().Text(p.t("form.exclude.rule1")),
		app.Li().Text(p.t("form.exclude.rule2")),
		app.Li().Text(p.t("form.exclude.rule3")),
		app.Li().Text(p.t("form.exclude.rule4")),
	)
}

// previewUI is Preview and its answer, shown while the form asks for the same exclusions.
func (p *backupPage) previewUI(req spec.Backup, c formCheck) app.UI {
	asks := req.ExcludeLogs || len(pattern.Split(req.Exclude)) > 0
	busy := p.preview.Status == loading && sameExclusions(p.preview.Data.For, req)
	b := app.Button().Type("button").ID("preview").Class("btn").OnClick(p.onPreview).
		Aria("describedby", "preview-help").Body(icon("eye"), app.Span().Text(p.t("form.preview")))
	if !asks || len(c.patterns) > 0 || len(c.fields["exclude"]) > 0 || busy {
		b = b.Disabled(true)
	}
	return app.Div().Class("preview").Body(
		app.Div().Class("form-buttons").Body(b, helpLine("preview", p.t("form.preview.help"))),
		app.Div().ID("preview-result").Aria("live", "polite").Body(p.previewAnswerUI(req, busy)),
	)
}

func (p *backupPage) previewAnswerUI(req spec.Backup, busy bool) app.UI {
	if !sameExclusions(p.preview.Data.For, req) {
		return nil
	}
	switch {
	case busy:
		return app.P().Class("loading").Text(p.t("form.preview.busy"))
	case p.preview.Status == failed:
		return p.failureView(p.preview.Err, nil)
	case p.preview.Status != loaded:
		return nil
	}
	r := p.preview.Data.Result
	unmatched := p.unmatchedUI(r)
	if r.Files == 0 && r.Dirs == 0 {
		return app.Div().Body(unmatched, app.P().Class("note").Text(p.t("form.preview.none")))
	}
	items := make([]app.UI, 0, len(r.Paths)+1)
	for _, path := range r.Paths {
		items = append(items, app.Li().Body(app.Code().Text(path)))
	}
	if r.Truncated {
		items = append(items, app.Li().Class("muted").Text(p.t("form.preview.more")))
	}
	return app.Div().Body(unmatched, app.Div().Class("note").Body(
		app.P().ID("preview-count").Text(p.t("form.preview.counts", formatCount(p.lang, r.Files), formatCount(p.lang, r.Dirs),
			formatBytes(p.lang, r.Bytes))),
		app.Ul().Class("paths").Body(items...),
	))
}

// sameExclusions reports whether two requests leave out the same files.
func sameExclusions(a, b spec.Backup) bool {
	return a.Client == b.Client && a.Scope == b.Scope && a.ConfigOnly == b.ConfigOnly && a.Files == b.Files &&
		a.ExcludeLogs == b.ExcludeLogs && a.Exclude == b.Exclude && slices.Equal(a.Subscriptions, b.Subscriptions)
}

// unmatchedUI names the patterns that leave nothing out: most likely mistyped.
func (p *backupPage) unmatchedUI(r preview) app.UI {
	if len(r.Unmatched) == 0 {
		return nil
	}
	items := make([]app.UI, len(r.Unmatched))
	for i, u := range r.Unmatched {
		items[i] = app.Li().Body(app.Code().Text(u))
	}
	return app.Div().Class("note warn").ID("preview-unmatched").Body(
		icon("alert"), app.P().Text(p.t("form.preview.unmatched")), app.Ul().Class("paths").Body(items...))
}
