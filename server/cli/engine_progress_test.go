package cli

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"coffre/engine/backup"
	"coffre/server/tasks"
)

func running(phase string, files, total, bytes, totalBytes, rate, eta int64, current string) tasks.Task {
	return tasks.Task{Status: tasks.Running, Progress: tasks.Progress{Progress: backup.Progress{Phase: phase,
		Files: files, TotalFiles: total, Bytes: bytes, TotalBytes: totalBytes, Current: current}, Rate: rate, ETA: eta}}
}

func TestProgressLine(t *testing.T) {
	tests := []struct {
		t    tasks.Task
		want string
	}{
		{running("scan", 0, 0, 0, 0, 0, 0, ""), "scan    "},
		{running("archive", 120, 1000, 5<<20, 50<<20, 2<<20, 22, "httpdocs/index.php"),
			"archive   120/1000 files  5.0 MB/50.0 MB  2.0 MB/s  ETA 0:22  …tpdocs/index.php"},
		{running("archive", 1, 2, 10, 20, 0, 3725, ""), "archive   1/2 files  10 bytes/20 bytes  ETA 1:02:05"},
		{running("restore", 3, 0, 2048, 0, 0, 0, "a\x1b[2Jb\nc"), "restore   3 files  2.0 KB  a [2Jb c"},
	}
	for _, tt := range tests {
		if got := progressLine(tt.t.Progress); got != tt.want {
			t.Errorf("progressLine = %q, want %q", got, tt.want)
		}
	}
	long := progressLine(running("archive", 1, 2, 10, 20, 0, 0, strings.Repeat("x", 300)+"/end.php").Progress)
	if n := len([]rune(long)); n > lineWidth || !strings.HasSuffix(long, "/end.php") || !strings.Contains(long, "…") {
		t.Errorf("a long current path: %q (%d runes), want the end of it within %d", long, n, lineWidth)
	}
}

func TestProgressOnATerminalAndInALog(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	steps := []struct {
		after time.Duration
		t     tasks.Task
	}{
		{0, running("scan", 0, 0, 0, 0, 0, 0, "")},
		{time.Second, running("archive", 1, 10, 1, 10, 1, 9, "a")},
		{time.Second, running("archive", 2, 10, 2, 10, 1, 8, "b")},
		{10 * time.Second, running("archive", 9, 10, 9, 10, 1, 1, "c")},
		{time.Second, tasks.Task{Status: tasks.Done}},
	}
	var tty, log bytes.Buffer
	pt, pl := newProgress(&tty, true, clock), newProgress(&log, false, clock)
	for _, s := range steps {
		now = now.Add(s.after)
		pt.update(s.t)
		pl.update(s.t)
	}
	pt.end()
	pl.end()
	if got := strings.Count(tty.String(), "\r"); got != 4 || !strings.HasSuffix(tty.String(), "\x1b[K\n") {
		t.Errorf("terminal: %d rewrites in %q, want 4 and a final newline", got, tty.String())
	}
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "scan") || !strings.Contains(lines[1], "1/10 files") ||
		!strings.Contains(lines[2], "9/10 files") || strings.Contains(log.String(), "\r") {
		t.Errorf("log lines (each phase, then every 10 s): %q", lines)
	}
}
