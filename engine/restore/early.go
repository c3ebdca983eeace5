package restore

import (
	"context"

	"coffre/engine/archive"
)

// earlyCheck is the SHA-256 check of the target's volumes, run while the index is surveyed:
// both are read before anything is written, and on two cores the check then costs little
// time of its own. Its result is taken by checkVolumes, in the order it always checks.
type earlyCheck struct {
	done   chan struct{}
	err    error
	cancel context.CancelFunc
}

// startEarlyCheck starts checking the target's volumes when a restore reads its archive whole
// for sure: no chosen paths, so no frame-by-frame reading (planSeeks).
func (r *run) startEarlyCheck(ctx context.Context) {
	if !r.checkEarly || len(r.sel.paths) > 0 {
		return
	}
	ctx, cancel := context.WithCancel(ctx)
	e := &earlyCheck{done: make(chan struct{}), cancel: cancel}
	vols := r.c.target().Volumes
	go func() {
		defer close(e.done)
		e.err = archive.CheckVolumes(ctx, r.o.Storage, vols)
	}()
	r.early = e
}

// earlyResult waits for the early check and returns its result.
func (r *run) earlyResult() error {
	<-r.early.done
	return r.early.err
}

// stopEarlyCheck stops the early check, if any, and waits for it to end.
func (r *run) stopEarlyCheck() {
	if r.early != nil {
		r.early.cancel()
		<-r.early.done
	}
}
