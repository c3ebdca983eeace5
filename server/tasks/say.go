package tasks

import (
	"fmt"
	"time"

	"coffre/server/failure"
)

// Say adds a line to the task's log: text is its English words (the CLI and the mails show
// them); code and the key-value pairs kv let the panel say it in its language. Beyond MaxLog
// lines only the count grows.
func (rp *Reporter) Say(code, text string, kv ...any) {
	l := LogLine{Text: text, Code: code, Args: argsOf(kv)}
	rp.j.set(func(t *Task, now time.Time) {
		l.Time = now
		t.Log = appendLine(t.Log, &t.LogDropped, l)
		rp.j.dirty = true
	})
}

// argsOf turns key-value pairs into a map; a key without its value is dropped.
func argsOf(kv []any) map[string]string {
	if len(kv) < 2 {
		return nil
	}
	m := make(map[string]string, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		m[fmt.Sprint(kv[i])] = fmt.Sprint(kv[i+1])
	}
	return m
}

// failureLine is the log line of an error: code "failed" (or what) with the error sorted
// into "code", its own words in "error" and its arguments in "arg0", "arg1"...
func failureLine(now time.Time, what, text string, err error, kv ...any) (LogLine, *failure.Info) {
	info := failure.Of(err)
	args := argsOf(kv)
	if args == nil {
		args = map[string]string{}
	}
	args["code"], args["error"] = info.Code, err.Error()
	for i, a := range info.Args {
		args[fmt.Sprintf("arg%d", i)] = a
	}
	return LogLine{Time: now, Text: text, Code: what, Args: args}, &info
}
