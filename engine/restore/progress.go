package restore

import (
	"time"

	"coffre/engine/backup"
)

// progress reports a restore's advance at most every 200 ms, and at each phase.
type progress struct {
	fn    func(backup.Progress)
	clock func() time.Time
	last  time.Time
	p     backup.Progress
}

func (pr *progress) phase(name string) {
	pr.p.Phase = name
	pr.p.Current = ""
	pr.fn(pr.p)
	pr.last = pr.clock()
}

func (pr *progress) add(files, bytes int64, current string) {
	pr.p.Files += files
	pr.p.Bytes += bytes
	pr.p.Current = current
	if now := pr.clock(); now.Sub(pr.last) >= 200*time.Millisecond {
		pr.fn(pr.p)
		pr.last = now
	}
}
