package backup

import (
	"fmt"
	"sync"
	"time"
)

// partWriter writes a dump into the archive. It holds the dump in memory up to one part: a
// dump that fits is written as one entry at the end. A larger one becomes numbered entries of
// one part each, written by a goroutine while the next part fills, so that the dump tool and
// the compression run at once: at most two parts are in memory.
type partWriter struct {
	aw    entryWriter
	name  string
	mtime time.Time
	part  int
	buf   []byte
	parts int // parts handed to the writer

	full chan []byte // parts to write, in order
	free chan []byte // written parts' buffers, to fill again
	done chan struct{}
	mu   sync.Mutex
	err  error // the archive's failure
}

func newPartWriter(aw entryWriter, name string, mtime time.Time, part int) *partWriter {
	return &partWriter{aw: aw, name: name, mtime: mtime, part: part}
}

func (w *partWriter) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

func (w *partWriter) Write(p []byte) (int, error) {
	if err := w.failed(); err != nil {
		return 0, err
	}
	n := len(p)
	for len(p) > 0 {
		if w.buf == nil {
			w.buf = make([]byte, 0, min(w.part, 1<<20))
		}
		k := min(len(p), w.part-len(w.buf))
		w.buf = append(w.buf, p[:k]...)
		p = p[k:]
		if len(w.buf) == w.part {
			w.handOver()
		}
	}
	return n, nil
}

// handOver gives the full buffer to the writing goroutine (started at the first part) and
// takes a free one.
func (w *partWriter) handOver() {
	if w.full == nil {
		w.full, w.free, w.done = make(chan []byte, 1), make(chan []byte, 2), make(chan struct{})
		w.free <- nil
		go w.writeParts()
	}
	w.parts++
	w.full <- w.buf
	w.buf = <-w.free
	if w.buf != nil {
		w.buf = w.buf[:0]
	}
}

// writeParts writes the parts in order; after a failure it only gives the buffers back.
func (w *partWriter) writeParts() {
	defer close(w.done)
	i := 0
	for b := range w.full {
		i++
		if w.failed() == nil {
			if err := writeFile(w.aw, fmt.Sprintf("%s.%03d", w.name, i), b, w.mtime); err != nil {
				w.mu.Lock()
				w.err = err
				w.mu.Unlock()
			}
		}
		w.free <- b
	}
}

// finish writes what is left when the dump is complete (the whole dump, or its last part),
// waits for the parts to be written, and returns the archive's failure.
func (w *partWriter) finish(complete bool) error {
	if w.full == nil {
		if !complete {
			return nil
		}
		return writeFile(w.aw, w.name, w.buf, w.mtime)
	}
	if complete && len(w.buf) > 0 {
		w.parts++
		w.full <- w.buf
		<-w.free
	}
	close(w.full)
	<-w.done
	return w.failed()
}
