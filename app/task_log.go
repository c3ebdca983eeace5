package app

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// countArgs are the log values that are counts, written the language's way.
var countArgs = map[string]bool{"files": true, "entries": true, "added": true, "replaced": true, "unchanged": true,
	"kept": true, "removed": true, "count": true, "volumes": true}

// logText says a line of a task's log in the panel's language: its code's message with its values
// written the language's way, or the server's English words for a line without a known code.
func logText(f *frame, l logLine) string {
	if _, ok := messages["log."+l.Code]; !ok || l.Code == "" {
		return l.Text
	}
	s := f.t("log." + l.Code)
	for k, v := range l.Args {
		s = strings.ReplaceAll(s, "{"+k+"}", logArg(f, k, v))
	}
	if strings.Contains(s, "{why}") {
		s = strings.ReplaceAll(s, "{why}", logWhy(f, l))
	}
	return s
}

// logArg writes one value of a log line: sizes, counts, storages and types in words.
func logArg(f *frame, key, v string) string {
	n, err := strconv.ParseInt(v, 10, 64)
	switch {
	case key == "bytes" && err == nil:
		return formatBytes(f.lang, n)
	case countArgs[key] && err == nil:
		return formatCount(f.lang, n)
	case key == "storage" || key == "type":
		if _, ok := messages["log."+key+"."+v]; ok {
			return f.t("log." + key + "." + v)
		}
	case key == "existing":
		if _, ok := messages["restore.existing."+v]; ok {
			return f.t("restore.existing." + v)
		}
	}
	return v
}

// logWhy is the reason a failure line gives: its code said in the panel's language.
func logWhy(f *frame, l logLine) string {
	var args []string
	for i := 0; ; i++ {
		a, ok := l.Args["arg"+strconv.Itoa(i)]
		if !ok {
			break
		}
		args = append(args, a)
	}
	if l.Code == "mail_failed" {
		return f.mailFailText(&failureInfo{Code: l.Args["code"], Args: args})
	}
	return f.failText(l.Args["code"], args)
}

// taskLog is the task's log, folded, each line in the panel's language with the server's
// English words as its title.
func taskLog(f *frame, t task) app.UI {
	if len(t.Log) == 0 {
		return nil
	}
	lines := make([]app.UI, len(t.Log))
	for i, l := range t.Log {
		text := logText(f, l)
		li := app.Li().Body(app.Time().DateTime(l.Time.UTC().Format("2006-01-02T15:04:05Z")).Text(l.Time.In(localZone()).Format("15:04:05")), app.Text(" "+text))
		if text != l.Text {
			li = li.Title(l.Text)
		}
		lines[i] = li
	}
	return app.Details().Class("card log").Body(
		app.Summary().Text(f.t("task.log")),
		app.Ol().Class("log-lines").Body(lines...),
	)
}
