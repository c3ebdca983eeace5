package backup

import (
	"io"
	"time"
)

// reporter sends Progress at most every interval, plus every phase change and the end.
type reporter struct {
	clock func() time.Time
	fn    func(Progress)
	last  time.Time
	p     Progress
}

const progressEvery = 200 * time.Millisecond

func newReporter(clock func() time.Time, fn func(Progress)) *reporter {
	return &reporter{clock: clock, fn: fn}
}

func (r *reporter) phase(name string, force bool) {
	r.p.Phase, r.p.Current = name, ""
	r.send(force)
}

func (r *reporter) totals(files, bytes int64) {
	r.p.TotalFiles, r.p.TotalBytes = files, bytes
}

// entry counts one stored entry (file, folder or link) named current, and rest bytes of it
// that were not counted as written (a sparse file's holes).
func (r *reporter) entry(current string, rest int64) {
	r.p.Files++
	r.p.Bytes += rest
	r.p.Current = current
	r.send(false)
}

// content returns w, counting in the progress the bytes written to it as they are: a large
// file shows its progress as it is read, not once stored.
func (r *reporter) content(w io.Writer) *contentWriter { return &contentWriter{r: r, w: w} }

type contentWriter struct {
	r *reporter
	w io.Writer
}

func (c *contentWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.r.p.Bytes += int64(n)
	c.r.send(false)
	return n, err
}

func (r *reporter) send(force bool) {
	now := r.clock()
	if !force && now.Sub(r.last) < progressEvery {
		return
	}
	r.last = now
	r.fn(r.p)
}
