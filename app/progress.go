package app

import (
	"strconv"
	"time"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// progressBar is a live task's progress: a bar that fills with the bytes done out of the total
// once the scan knows it (until then it moves without a value), and, unless compact, the files,
// bytes, rate, time left and current item.
func progressBar(f *frame, t task, compact bool) app.UI {
	pr := t.Progress
	pct, known := percent(pr.Bytes, pr.TotalBytes)
	if t.Status.succeeded() {
		pct, known = 100, true
	}
	label := f.t("progress.label")
	bar := app.Div().Class("bar").Role("progressbar").Aria("label", label).Aria("valuemin", 0).Aria("valuemax", 100)
	fill := app.Div().Class("bar-fill")
	text := f.phaseText(t)
	if known {
		bar = bar.Aria("valuenow", pct).Aria("valuetext", strconv.Itoa(pct)+" % · "+text)
		fill = fill.Style("width", strconv.Itoa(pct)+"%")
		text = strconv.Itoa(pct) + " % · " + text
	} else {
		bar = bar.Class("indeterminate").Aria("valuetext", text)
	}
	out := []app.UI{bar.Body(fill), app.P().Class("bar-text").Text(text)}
	if !compact {
		out = append(out, progressFacts(f, t))
	}
	return app.Div().Class("progress").DataSet("task", t.ID).Body(out...)
}

// phaseText names what the task is doing: waiting, or the engine's phase.
func (f *frame) phaseText(t task) string {
	switch {
	case t.Status == taskQueued:
		return f.t("status.queued")
	case t.Status.ended():
		return f.t("status." + string(t.Status))
	case t.Progress.Phase == "":
		return f.t("status.running")
	}
	if _, ok := messages["phase."+t.Progress.Phase]; ok {
		return f.t("phase." + t.Progress.Phase)
	}
	return t.Progress.Phase
}

// progressFacts are the numbers of a task's progress.
func progressFacts(f *frame, t task) app.UI {
	pr := t.Progress
	files := f.t("progress.filesSoFar", formatCount(f.lang, pr.Files))
	bytes := formatBytes(f.lang, pr.Bytes)
	if pr.TotalFiles > 0 {
		files = f.t("progress.files", formatCount(f.lang, pr.Files), formatCount(f.lang, pr.TotalFiles))
	}
	if pr.TotalBytes > 0 {
		bytes = f.t("progress.bytes", bytes, formatBytes(f.lang, pr.TotalBytes))
	}
	facts := []app.UI{
		fact(f.t("progress.filesLabel"), app.Span().ID("progress-files").Text(files)),
		fact(f.t("progress.bytesLabel"), app.Span().ID("progress-bytes").Text(bytes)),
		fact(f.t("progress.rate"), app.Span().ID("progress-rate").Text(rateText(f, t))),
		fact(f.t("progress.eta"), app.Span().ID("progress-eta").Text(etaText(f, t))),
	}
	if pr.Current != "" && !t.Status.ended() {
		facts = append(facts, app.Div().Class("fact-wide").Body(
			app.Dt().Text(f.t("progress.current")), app.Dd().Body(app.Code().ID("progress-current").Class("clip").Title(pr.Current).Text(pr.Current)),
		))
	}
	return app.Dl().Class("facts progress-facts").Body(facts...)
}

func rateText(f *frame, t task) string {
	if t.Progress.Rate <= 0 || t.Status.ended() {
		return "—"
	}
	return formatRate(f.lang, t.Progress.Rate)
}

// etaText is the time left: the server's estimate, else the bytes left at the current rate.
func etaText(f *frame, t task) string {
	pr, eta := t.Progress, t.Progress.ETA
	if eta <= 0 && pr.Rate > 0 && pr.TotalBytes > pr.Bytes {
		eta = (pr.TotalBytes - pr.Bytes + pr.Rate - 1) / pr.Rate
	}
	if eta <= 0 || t.Status.ended() {
		return "—"
	}
	return f.t("progress.etaValue", formatDuration(time.Duration(eta)*time.Second))
}

// timeUI is a date and time in the panel's language, machine-readable for assistive tools.
func timeUI(lang string, t time.Time) app.UI {
	return app.Time().DateTime(t.UTC().Format(time.RFC3339)).Text(formatTime(lang, t))
}
