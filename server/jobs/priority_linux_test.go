package jobs

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
)

// lowPriority lowers the nice value and the I/O priority of the calling goroutine's thread
// only.
func TestLowPriorityLowersOnlyItsThread(t *testing.T) {
	type got struct {
		nice   string
		ioprio uintptr
		err    error
	}
	ch := make(chan got)
	go func() {
		err := lowPriority()
		tid := syscall.Gettid()
		prio, _, _ := syscall.Syscall(syscall.SYS_IOPRIO_GET, ioprioWhoProcess, uintptr(tid), 0)
		ch <- got{niceOf(t, tid), prio, err}
	}()
	g := <-ch
	if g.err != nil {
		t.Fatal(g.err)
	}
	if g.nice != "19" || g.ioprio != ioprioLowest {
		t.Errorf("thread nice %s, ioprio %#x; want 19 and %#x", g.nice, g.ioprio, ioprioLowest)
	}
	if n := niceOf(t, os.Getpid()); n == "19" {
		t.Errorf("the main thread's nice is %s too", n)
	}
}

// niceOf reads the nice value of a thread of this process from /proc.
func niceOf(t *testing.T, tid int) string {
	data, err := os.ReadFile(fmt.Sprintf("/proc/self/task/%d/stat", tid))
	if err != nil {
		t.Fatal(err)
	}
	rest := string(data[strings.LastIndexByte(string(data), ')')+2:])
	return strings.Fields(rest)[16] // field 19 of stat; state is field 3
}
