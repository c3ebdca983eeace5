package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"
)

// measure is what one timed step cost.
type measure struct {
	Wall   time.Duration `json:"wall"`
	CPU    time.Duration `json:"cpu"`    // user + system time of every process of the step
	RSS    int64         `json:"rss"`    // peak resident bytes: the sum of the processes' peaks
	Output int64         `json:"output"` // bytes the step stored (archive, backup objects, restored tree)
	Err    error         `json:"-"`
	Note   string        `json:"note,omitempty"`
	Runs   int           `json:"runs"` // of a median: the successful runs it is taken over
}

// timeBin reports a command's peak RSS. wait4's Maxrss cannot: on Linux a child's ru_maxrss is
// never below its spawner's peak (the kernel folds the address space left at exec into it, and
// Go spawns with vfork), so it would count this program's own memory. time forks from a tiny
// process, so its report is the command's own.
const timeBin = "/usr/bin/time"

// pipeline runs cmds with each one's stdout feeding the next one's stdin, the last writing to
// out (nil discards), and measures them together from the first start to the last exit.
func pipeline(out io.Writer, cmds ...*exec.Cmd) measure {
	rss := make([]string, len(cmds))
	for i, c := range cmds {
		var err error
		if cmds[i], rss[i], err = timed(c); err != nil {
			return measure{Err: err}
		}
		cmds[i].Stderr = &bytes.Buffer{}
		defer os.Remove(rss[i])
	}
	cmds[len(cmds)-1].Stdout = out
	closers, err := connect(cmds)
	if err != nil {
		return measure{Err: err}
	}
	start := time.Now()
	err = startAll(cmds, closers)
	for _, c := range cmds[:started(cmds)] {
		err = errors.Join(err, describe(c, c.Wait()))
	}
	m := measure{Wall: time.Since(start), Err: err}
	for i, c := range cmds {
		if c.ProcessState == nil {
			continue
		}
		m.CPU += c.ProcessState.UserTime() + c.ProcessState.SystemTime() // time's waited child included
		kib, err := peakKiB(rss[i])
		m.RSS += kib * 1024
		m.Err = errors.Join(m.Err, err)
	}
	return m
}

// timed returns c run under time, which writes c's peak RSS in KiB to the returned file.
func timed(c *exec.Cmd) (*exec.Cmd, string, error) {
	f, err := os.CreateTemp("", "bench-rss-*")
	if err != nil {
		return nil, "", err
	}
	f.Close()
	t := exec.Command(timeBin, append([]string{"-f", "%M", "-o", f.Name(), c.Path}, c.Args[1:]...)...)
	t.Env, t.Dir, t.Stdin, t.Stdout = c.Env, c.Dir, c.Stdin, c.Stdout
	return t, f.Name(), nil
}

// peakKiB reads time's report: the last line is the peak RSS in KiB (a line before it may say
// the command failed).
func peakKiB(file string) (int64, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return 0, err
	}
	lines := strings.Fields(string(b))
	if len(lines) == 0 {
		return 0, fmt.Errorf("%s: no peak RSS reported", timeBin)
	}
	return strconv.ParseInt(lines[len(lines)-1], 10, 64)
}

// connect makes the pipes between cmds; the caller closes the returned ends once all started.
func connect(cmds []*exec.Cmd) ([]io.Closer, error) {
	var closers []io.Closer
	for i := 0; i+1 < len(cmds); i++ {
		r, w, err := os.Pipe()
		if err != nil {
			return nil, err
		}
		cmds[i].Stdout, cmds[i+1].Stdin = w, r
		closers = append(closers, r, w)
	}
	return closers, nil
}

// startAll starts cmds in order, then closes the parent's ends of the pipes.
func startAll(cmds []*exec.Cmd, closers []io.Closer) error {
	var err error
	for _, c := range cmds {
		if err = c.Start(); err != nil {
			break
		}
	}
	for _, cl := range closers {
		cl.Close()
	}
	return err
}

func started(cmds []*exec.Cmd) int {
	n := 0
	for n < len(cmds) && cmds[n].Process != nil {
		n++
	}
	return n
}

// describe names the command that failed, with the end of its standard error.
func describe(c *exec.Cmd, err error) error {
	if err == nil {
		return nil
	}
	msg := strings.TrimSpace(c.Stderr.(*bytes.Buffer).String())
	if len(msg) > 300 {
		msg = "..." + msg[len(msg)-300:]
	}
	return fmt.Errorf("%s: %w: %s", c.Path, err, msg)
}
