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

// job is a task this runner is running: its state in memory, written to the store by its
// flusher (every FlushEvery while it changed) and at the end, never by the goroutine that
// reports: a store write opens, fsyncs and closes the bbolt file.
type job struct {
	id     string
	r      *Runner
	ctx    context.Context
	cancel context.CancelCauseFunc

	flushMu sync.Mutex // orders this task's writes

	mu         sync.Mutex
	t          Task
	dirty      bool // warnings or log changed since the last write
	changed    bool // anything changed since the last write
	phase      string
	phaseStart time.Time
	phaseBytes int64
}

func (r *Runner) newJob(parent context.Context, t Task) *job {
	ctx, cancel := context.WithCancelCause(parent)
	return &job{id: t.ID, r: r, ctx: ctx, cancel: cancel, t: t}
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

// set applies fn to the task, marks it changed and tells the waiters.
func (j *job) set(fn func(t *Task, now time.Time)) {
	now := j.r.opts.Clock()
	j.mu.Lock()
	fn(&j.t, now)
	j.changed = true
	t := j.t
	j.mu.Unlock()
	t.Warnings, t.Log = nil, nil
	j.r.signal()
	j.r.opts.OnUpdate(t)
}

// startFlusher writes the task every FlushEvery while it changed; when it did not, it only
// looks for a cancellation asked through the store by another process. The returned function
// stops it and waits for it.
func (j *job) startFlusher() (stop func()) {
	quit, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(j.r.opts.FlushEvery)
		defer tick.Stop()
		for {
			select {
			case <-quit:
				return
			case <-tick.C:
			}
			j.mu.Lock()
			changed := j.changed
			j.mu.Unlock()
			var err error
			if changed {
				err = j.flush()
			} else {
				err = j.checkCancel()
			}
			if err != nil {
				j.r.opts.Log.Warn("write task progress", "task", j.id, "err", err)
			}
		}
	}()
	return func() { close(quit); <-done }
}

// checkCancel reads whether another process asked, through the store, to cancel the task.
func (j *job) checkCancel() error {
	requested := false
	err := j.r.st.View(func(tx *store.Tx) error {
		old, err := load(tx, j.id, false)
		requested = err == nil && old.CancelRequested
		return err
	})
	if err != nil {
		return fmt.Errorf("read task %s: %w", j.id, err)
	}
	if requested {
		j.requested()
	}
	return nil
}

// requested records a cancellation asked by another process and cancels the task.
func (j *job) requested() {
	j.mu.Lock()
	ended := j.t.Status.Ended()
	if !ended {
		j.t.CancelRequested = true
	}
	j.mu.Unlock()
	if !ended {
		j.cancel(errCancelled)
	}
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
	j.dirty, j.changed = false, false
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
		j.dirty, j.changed = j.dirty || details, true
		j.mu.Unlock()
		return fmt.Errorf("write task %s: %w", t.ID, err)
	}
	if requested && !t.Status.Ended() {
		j.requested()
	}
	return nil
}

// Reporter is how Exec tells the runner about its task. Its methods may be called from any
// goroutine.
type Reporter struct{ j *job }

// Progress records the engine's progress, with the rate and the time left derived from it.
func (rp *Reporter) Progress(p backup.Progress) {
	j := rp.j
	j.set(func(t *Task, now time.Time) {
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
	rp.j.set(func(t *Task, _ time.Time) {
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
	rp.j.set(func(t *Task, _ time.Time) { t.Targets = append([]string(nil), dirs...) })
	return rp.j.flush()
}

// Logf adds a line to the task's log; beyond MaxLog lines only the count grows.
func (rp *Reporter) Logf(format string, args ...any) {
	line := fmt.Sprintf(format, args...)
	rp.j.set(func(t *Task, now time.Time) {
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
