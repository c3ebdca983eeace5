package jobs

import (
	"fmt"
	"runtime"
	"syscall"
)

// I/O priority of ioprio_set(2): the best-effort class at its lowest level (ionice -c2 -n7).
const (
	ioprioWhoProcess = 1
	ioprioLowest     = 2<<13 | 7
)

// lowPriority puts the calling goroutine on an OS thread of its own for the rest of its life,
// at the lowest CPU priority (nice 19) and the lowest best-effort I/O priority. The thread is
// never given back: it ends with the goroutine, so no other goroutine ever runs at that
// priority. Goroutines the caller starts run on other threads at normal priority: the task's
// own work is lowered, not the engine's helpers.
func lowPriority() error {
	runtime.LockOSThread()
	tid := syscall.Gettid()
	if err := syscall.Setpriority(syscall.PRIO_PROCESS, tid, 19); err != nil {
		return fmt.Errorf("lower the CPU priority: %w", err)
	}
	if _, _, e := syscall.Syscall(syscall.SYS_IOPRIO_SET, ioprioWhoProcess, uintptr(tid), ioprioLowest); e != 0 {
		return fmt.Errorf("lower the I/O priority: %w", e)
	}
	return nil
}
