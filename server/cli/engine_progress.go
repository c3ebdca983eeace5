package cli

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"coffre/internal/humanize"
	"coffre/server/tasks"
)

// progress shows a running task on a terminal as one line rewritten in place, elsewhere (a
// log, a pipe) as a line at each phase and at most every sparseEvery.
type progress struct {
	w   io.Writer
	tty bool
	now func() time.Time

	mu    sync.Mutex
	shown bool // a line is on the terminal, to end at the end
	phase string
	last  time.Time
}

const (
	sparseEvery = 10 * time.Second
	lineWidth   = 79
)

func newProgress(w io.Writer, tty bool, now func() time.Time) *progress {
	return &progress{w: w, tty: tty, now: now}
}

// update is the runner's OnUpdate: it may be called from several goroutines.
func (p *progress) update(t tasks.Task) {
	if t.Status != tasks.Running || t.Progress.Phase == "" {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	newPhase := t.Progress.Phase != p.phase
	p.phase = t.Progress.Phase
	line := progressLine(t.Progress)
	if p.tty {
		fmt.Fprintf(p.w, "\r%s\x1b[K", line)
		p.shown = true
		return
	}
	if newPhase || now.Sub(p.last) >= sparseEvery {
		fmt.Fprintln(p.w, line)
		p.last = now
	}
}

// end ends the terminal's progress line.
func (p *progress) end() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.shown {
		fmt.Fprintln(p.w)
		p.shown = false
	}
}

// progressLine says where a task is: phase, files, bytes, rate, time left, current item.
func progressLine(pr tasks.Progress) string {
	parts := []string{fmt.Sprintf("%-8s", pr.Phase)}
	if pr.TotalFiles > 0 {
		parts = append(parts, fmt.Sprintf("%d/%d files", pr.Files, pr.TotalFiles),
			fmt.Sprintf("%s/%s", humanBytes(pr.Bytes), humanBytes(pr.TotalBytes)))
	} else if pr.Files > 0 || pr.Bytes > 0 {
		parts = append(parts, fmt.Sprintf("%d files", pr.Files), humanBytes(pr.Bytes))
	}
	if pr.Rate > 0 {
		parts = append(parts, humanBytes(pr.Rate)+"/s")
	}
	if pr.ETA > 0 {
		parts = append(parts, "ETA "+clock(pr.ETA))
	}
	line := strings.Join(parts, "  ")
	if room := lineWidth - len([]rune(line)) - 2; pr.Current != "" && room > 8 {
		line += "  " + oneLine(tail(pr.Current, room), room)
	}
	return line
}

// tail keeps the end of s, at most n runes, marking the cut.
func tail(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return "…" + string(r[len(r)-n+1:])
}

// clock writes seconds as m:ss or h:mm:ss.
func clock(s int64) string {
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%d:%02d", s/60, s%60)
}

// humanBytes writes a size as the panel does: 512 bytes, 1.5 KB, 12.3 MB, 400 GB, where
// 1 KB is 1024 bytes (--json gives bytes).
func humanBytes(n int64) string { return humanize.Bytes("en", n) }
