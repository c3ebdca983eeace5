package app

import (
	"strconv"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// failText says what an error sorted by the server (server/failure) means and what to do, in
// the panel's language. The administrator reads the message's ".admin" variant where there is
// one (what to set up on the host); a client is never told to fix what only the administrator
// reaches. The ".arg" variant is used when the code comes with its values. An unknown code
// reads as an unexpected error, whose detail the caller shows below.
func (f *frame) failText(code string, args []string) string {
	key := "fail." + code
	if _, ok := messages[key]; !ok {
		key = "fail.internal"
	}
	if _, ok := messages[key+".arg"]; ok && len(args) > 0 {
		key += ".arg"
	}
	if _, ok := messages[key+".admin"]; ok && f.isAdmin() {
		key += ".admin"
	}
	if code == "space_short" && len(args) == 3 {
		args = []string{bytesArg(f.lang, args[0]), bytesArg(f.lang, args[1]), args[2]}
	}
	return f.t(key, args...)
}

// bytesArg writes a count of bytes sent as a decimal number the way lang writes sizes.
func bytesArg(lang, n string) string {
	v, err := strconv.ParseInt(n, 10, 64)
	if err != nil {
		return n
	}
	return formatBytes(lang, v)
}

// mailFailText says why a notification was not sent. A client cannot reach the mail settings:
// it reads that the host's mail did not work, to tell its provider; an address refused is its
// own to fix.
func (f *frame) mailFailText(info *failureInfo) string {
	code, args := infoOf(info)
	if !f.isAdmin() && code != "recipient_refused" {
		return f.t("fail.mail.client")
	}
	return f.failText(code, args)
}

func infoOf(info *failureInfo) (string, []string) {
	if info == nil {
		return "internal", nil
	}
	return info.Code, info.Args
}

// failureUI is a failure said in the panel's language, lead first, with the technical detail
// folded under it.
func (f *frame) failureUI(id, lead, text, detail string) app.UI {
	if lead != "" {
		text = lead + " " + text
	}
	return app.Div().Class("failure").ID(id).Body(
		app.P().Class("failure-text").Text(text),
		f.detailUI(detail),
	)
}

// detailUI folds the technical detail of an error (the server's words, in English).
func (f *frame) detailUI(detail string) app.UI {
	if detail == "" {
		return nil
	}
	return app.Details().Class("failure-detail").Body(
		app.Summary().Text(f.t("fail.detail")),
		app.Pre().Class("error-text").Text(detail),
	)
}

// taskProblem is why an ended task did not do its work, in the panel's language, with the
// server's words folded under it; nil when it did. An interrupted task's result already says
// what happened: only the detail is added.
func taskProblem(f *frame, t task) app.UI {
	if t.Error == "" || t.Status.succeeded() {
		return nil
	}
	if t.Status == taskInterrupted {
		return app.Div().ID("task-error").Body(f.detailUI(t.Error))
	}
	code, args := infoOf(t.Failure)
	return f.failureUI("task-error", "", f.failText(code, args), t.Error)
}
