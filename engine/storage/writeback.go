package storage

import (
	"io"
	"os"
)

// writebackEvery is how many bytes a Put writes before it asks the kernel to start writing
// them to the disk.
const writebackEvery = 8 << 20

// writeback writes to a file and, every writebackEvery bytes, starts the disk writes of what
// it wrote, without waiting for them: the fsync that ends a Put then waits for the last few
// megabytes only, not for a whole volume that the kernel would otherwise keep in memory until
// asked (it starts on its own only past a tenth of the memory).
type writeback struct {
	f       *os.File
	off     int64 // bytes written
	started int64 // bytes whose writing to the disk was started
}

func (w *writeback) Write(p []byte) (int, error) {
	n, err := w.f.Write(p)
	w.off += int64(n)
	if w.off-w.started >= writebackEvery {
		startWriteback(w.f, w.started, w.off-w.started)
		w.started = w.off
	}
	return n, err
}

var _ io.Writer = (*writeback)(nil)
