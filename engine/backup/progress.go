package backup

import "time"

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

// file counts one stored file of n bytes, named current.
func (r *reporter) file(current string, n int64) {
	r.p.Files++
	r.p.Bytes += n
	r.p.Current = current
	r.send(false)
}

func (r *reporter) send(force bool) {
	now := r.clock()
	if !force && now.Sub(r.last) < progressEvery {
		return
	}
	r.last = now
	r.fn(r.p)
}
