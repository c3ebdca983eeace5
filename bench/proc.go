package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
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
}

// pipeline runs cmds with each one's stdout feeding the next one's stdin, the last writing to
// out (nil discards), and measures them together from the first start to the last exit.
func pipeline(out io.Writer, cmds ...*exec.Cmd) measure {
	for _, c := range cmds {
		c.Stderr = &bytes.Buffer{}
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
	for _, c := range cmds {
		if c.ProcessState == nil {
			continue
		}
		ru := c.ProcessState.SysUsage().(*syscall.Rusage)
		m.RSS += ru.Maxrss * 1024 // Linux reports KiB
		m.CPU += c.ProcessState.UserTime() + c.ProcessState.SystemTime()
	}
	return m
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
