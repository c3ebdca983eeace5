package extract

import (
	"sync"
)

// job is a small file read ahead, waiting for a worker to write it.
type job struct {
	h    *dirHandle
	base string
	rel  string
	m    meta
	data []byte
}

// pool writes small files on worker goroutines while the caller reads the next entries. It
// keeps the paths being written, so that a later entry on the same path waits for them.
type pool struct {
	jobs     chan job
	wg       sync.WaitGroup
	write    func(job) error
	done     func(job)
	mu       sync.Mutex
	cond     *sync.Cond
	free     int64 // bytes of read-ahead still allowed
	inflight map[string]chan struct{}
	err      error
}

func newPool(workers int, buffered int64, write func(job) error, done func(job)) *pool {
	p := &pool{
		jobs:     make(chan job, workers),
		write:    write,
		done:     done,
		free:     buffered,
		inflight: map[string]chan struct{}{},
	}
	p.cond = sync.NewCond(&p.mu)
	for range workers {
		p.wg.Add(1)
		go p.work()
	}
	return p
}

func (p *pool) work() {
	defer p.wg.Done()
	for j := range p.jobs {
		err := p.write(j)
		p.done(j)
		p.mu.Lock()
		if err != nil && p.err == nil {
			p.err = entryErr(j.rel, err)
		}
		p.free += int64(cap(j.data))
		ch := p.inflight[j.rel]
		delete(p.inflight, j.rel)
		p.cond.Broadcast()
		p.mu.Unlock()
		close(ch)
	}
}

// reserve waits until n more bytes may be read ahead, and returns a buffer of that size.
func (p *pool) reserve(n int64) []byte {
	p.mu.Lock()
	for p.free < n && len(p.inflight) > 0 {
		p.cond.Wait()
	}
	p.free -= n
	p.mu.Unlock()
	return make([]byte, n)
}

// submit hands j to a worker. The caller has waited for j.rel (wait) and reserved j.data.
func (p *pool) submit(j job) {
	p.mu.Lock()
	p.inflight[j.rel] = make(chan struct{})
	p.mu.Unlock()
	p.jobs <- j
}

// wait returns once no worker writes rel.
func (p *pool) wait(rel string) {
	p.mu.Lock()
	ch := p.inflight[rel]
	p.mu.Unlock()
	if ch != nil {
		<-ch
	}
}

// barrier returns once every submitted job is written.
func (p *pool) barrier() {
	p.mu.Lock()
	for len(p.inflight) > 0 {
		p.cond.Wait()
	}
	p.mu.Unlock()
}

// failed returns the first error of a worker.
func (p *pool) failed() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.err
}

// close waits for the workers to finish and returns the first error.
func (p *pool) close() error {
	close(p.jobs)
	p.wg.Wait()
	return p.err
}
