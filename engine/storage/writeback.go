package storage

import (
	"os"
	"sync"
)

// writebackEvery is how many bytes a Put writes before it asks the kernel to start writing
// them to the disk.
const writebackEvery = 8 << 20

// writeback writes to a file and, every writebackEvery bytes, starts the disk writes of what
// it wrote: the fsync that ends a Put then waits for the last few megabytes only, not for a
// whole volume that the kernel would otherwise keep in memory until asked (it starts on its
// own only past a tenth of the memory). The request runs beside the writes, one at a time (on
// a busy disk it can block), and wait must be called before the file is synced or closed.
type writeback struct {
	f       *os.File
	off     int64 // bytes written
	started int64 // bytes whose writing to the disk was asked for
	busy    chan struct{}
	wg      sync.WaitGroup
}

func newWriteback(f *os.File) *writeback {
	return &writeback{f: f, busy: make(chan struct{}, 1)}
}

func (w *writeback) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.off += int64(n)
	if w.off-w.started >= writebackEvery {
		select {
		case w.busy <- struct{}{}: // else the request before still runs: the next one covers this
			off, size := w.started, w.off-w.started
			w.started = w.off
			w.wg.Add(1)
			go func() {
				defer w.wg.Done()
				startWriteback(w.f, off, size)
				<-w.busy
			}()
		default:
		}
	}
	return n, err
}

// wait waits for the request in flight, if any.
func (w *writeback) wait() { w.wg.Wait() }
