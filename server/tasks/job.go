package tasks

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"coffre/engine/backup"
	"coffre/server/store"
)

// job is a task this runner is running: its state in memory, written to the store at most
// every FlushEvery and at the end.
type job struct {
	id     string
	r      *Runner
	ctx    context.Context
	cancel context.CancelCauseFunc

	flushMu sync.Mutex // orders this task's writes

	mu         sync.Mutex
	t          Task
	dirty      bool // warnings or log changed since the last write
	lastFlush  time.Time
	phase      string
	phaseStart time.Time
	phaseBytes int64
}

func (r *Runner) newJob(parent context.Context, t Task) *job {
	ctx, cancel := context.WithCancelCause(parent)
	return &job{id: t.ID, r: r, ctx: ctx, cancel: cancel, t: t, lastFlush: r.opts.Clock()}
}

// snapshot copies the task; without details, its warnings and log are left out.
func (j *job) snapshot(withDetails bool) Task {
	j.mu.Lock()
	defer j.mu.Unlock()
	if !withDetails {
		t := j.t
		t.Warnings, t.Log = nil, nil
		return t
	}
	return j.t.clone()
}

// change applies fn to the task, tells the waiters, and writes the task when a write is due.
func (j *job) change(fn func(t *Task, now time.Time)) {
	if due := j.set(fn, true); due {
		if err := j.flush(); err != nil {
			j.r.opts.Log.Warn("write task progress", "task", j.id, "err", err)
		}
	}
}

// set applies fn to the task and tells the waiters. With throttle, it reports whether a write
// is due (FlushEvery since the last one) and counts it as done.
func (j *job) set(fn func(t *Task, now time.Time), throttle bool) (due bool) {
	now := j.r.opts.Clock()
	j.mu.Lock()
	fn(&j.t, now)
	if throttle && now.Sub(j.lastFlush) >= j.r.opts.FlushEvery {
		due, j.lastFlush = true, now
	}
	t := j.t
	j.mu.Unlock()
	t.Warnings, t.Log = nil, nil
	j.r.signal()
	j.r.opts.OnUpdate(t)
	return due
}

// flush writes the task to the store. A cancellation asked through the store by another
// process is seen here and cancels the task.
func (j *job) flush() error {
	j.flushMu.Lock()
	defer j.flushMu.Unlock()
	j.mu.Lock()
	details := j.dirty
	t := j.t
	if details {
		t = j.t.clone()
	}
	j.dirty = false
	j.mu.Unlock()
	requested := false
	err := j.r.update(func(tx *store.Tx) error {
		if old, err := load(tx, t.ID, false); err == nil && old.CancelRequested {
			requested, t.CancelRequested = true, true
		}
		return put(tx, t, details)
	})
	if err != nil {
		j.mu.Lock()
		j.dirty = j.dirty || details
		j.mu.Unlock()
		return fmt.Errorf("write task %s: %w", t.ID, err)
	}
	if requested && !t.Status.Ended() {
		j.mu.Lock()
		j.t.CancelRequested = true
		j.mu.Unlock()
		j.cancel(errCancelled)
	}
	return nil
}

// Reporter is how Exec tells the runner about its task. Its methods may be called from any
// goroutine.
type Reporter struct{ j *job }

// Progress records the engine's progress, with the rate and the time left derived from it.
func (rp *Reporter) Progress(p backup.Progress) {
	j := rp.j
	j.change(func(t *Task, now time.Time) {
		if p.Phase != j.phase {
			j.phase, j.phaseStart, j.phaseBytes = p.Phase, now, p.Bytes
		}
		t.Progress = Progress{Progress: p}
		elapsed := now.Sub(j.phaseStart).Seconds()
		if elapsed <= 0 {
			return
		}
		t.Progress.Rate = int64(float64(p.Bytes-j.phaseBytes) / elapsed)
		if left := p.TotalBytes - p.Bytes; left > 0 && t.Progress.Rate > 0 {
			t.Progress.ETA = left / t.Progress.Rate
		}
	})
}

// Warn records a warning; beyond MaxWarnings only the count grows.
func (rp *Reporter) Warn(w backup.Warning) {
	rp.j.change(func(t *Task, _ time.Time) {
		t.WarningCount++
		if len(t.Warnings) < MaxWarnings {
			t.Warnings = append(t.Warnings, w)
			rp.j.dirty = true
		}
	})
}

// Targets records, and writes to the store at once, the directories a restore writes below
// (restore.Options.Targets): the error is the store's.
func (rp *Reporter) Targets(dirs []string) error {
	rp.j.set(func(t *Task, _ time.Time) { t.Targets = append([]string(nil), dirs...) }, false)
	return rp.j.flush()
}

// Logf adds a line to the task's log; beyond MaxLog lines only the count grows.
func (rp *Reporter) Logf(format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	rp.j.change(func(t *Task, now time.Time) {
		t.Log = appendLog(t.Log, &t.LogDropped, now, line)
		rp.j.dirty = true
	})
}

// appendLog adds a line, cut to MaxLogLine bytes of valid UTF-8, or counts it as dropped.
func appendLog(log []LogLine, dropped *int, now time.Time, line string) []LogLine {
	return appendLine(log, dropped, LogLine{Time: now, Text: line})
}

// appendLine adds l, its text and arguments cut to MaxLogLine bytes of valid UTF-8, or counts
// it as dropped.
func appendLine(log []LogLine, dropped *int, l LogLine) []LogLine {
	if len(log) >= MaxLog {
		*dropped++
		return log
	}
	l.Text = cutLine(l.Text)
	for k, v := range l.Args {
		l.Args[k] = cutLine(v)
	}
	return append(log, l)
}

func cutLine(line string) string {
	line = strings.ToValidUTF8(line, "\uFFFD")
	if len(line) > MaxLogLine {
		cut := MaxLogLine
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		line = line[:cut] + "…"
	}
	return line
}
