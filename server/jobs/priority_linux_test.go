package jobs

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// thread is what a goroutine saw of its OS thread.
type thread struct {
	tid    int
	nice   string
	ioprio uintptr
	err    error
}

// lowPriority lowers the nice value and the I/O priority of the calling goroutine's thread,
// and no other goroutine runs on that thread or at that priority afterwards.
func TestLowPriorityLowersOnlyItsThread(t *testing.T) {
	ch := make(chan thread)
	look := func(lower bool) {
		var err error
		if lower {
			err = lowPriority()
		} else {
			runtime.LockOSThread() // this goroutine's thread ends with it
		}
		tid := syscall.Gettid()
		prio, _, _ := syscall.Syscall(syscall.SYS_IOPRIO_GET, ioprioWhoProcess, uintptr(tid), 0)
		ch <- thread{tid: tid, nice: niceOf(t, tid), ioprio: prio, err: err}
	}
	go look(true)
	low := <-ch
	if low.err != nil {
		t.Fatal(low.err)
	}
	if low.nice != "19" || low.ioprio != ioprioLowest {
		t.Errorf("thread nice %s, ioprio %#x; want 19 and %#x", low.nice, low.ioprio, ioprioLowest)
	}
	for range 20 {
		go look(false)
		if o := <-ch; o.tid == low.tid || o.nice == "19" || o.ioprio == ioprioLowest {
			t.Errorf("another goroutine runs on thread %d at nice %s, ioprio %#x", o.tid, o.nice, o.ioprio)
		}
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
