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
	// chunks bring a large file's content (reserved buffers) while the caller reads it; closed
	// at its end. nil for a small file, whose content is data.
	chunks chan []byte
}

// streamChunks is how many chunks of a large file may wait for its worker.
const streamChunks = 4

// Jobs go to the workers in batches: one wake-up per batch, not per file.
const (
	batchJobs  = 64
	batchBytes = 1 << 20
)

// pool writes small files on worker goroutines while the caller reads the next entries. It
// keeps the paths being written, so that a later entry on the same path waits for them. Only
// the caller's goroutine calls reserve, submit, wait, barrier and close.
type pool struct {
	jobs     chan []job
	batch    []job
	bytes    int64 // in batch
	wg       sync.WaitGroup
	write    func(job) error
	done     func(job)
	bufs     bufPool
	mu       sync.Mutex
	cond     *sync.Cond
	free     int64 // bytes of read-ahead still allowed
	buffered int64 // the whole allowance
	inflight map[string]chan struct{}
	err      error
}

func newPool(workers int, buffered int64, write func(job) error, done func(job)) *pool {
	p := &pool{
		jobs:     make(chan []job, workers),
		write:    write,
		done:     done,
		free:     buffered,
		buffered: buffered,
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
	for batch := range p.jobs {
		for _, j := range batch {
			p.finish(j, p.write(j))
		}
	}
}

func (p *pool) finish(j job, err error) {
	p.done(j)
	n := int64(cap(j.data))
	p.bufs.put(j.data)
	p.mu.Lock()
	if err != nil && p.err == nil {
		p.err = entryErr(j.rel, err)
	}
	p.free += n
	ch := p.inflight[j.rel]
	delete(p.inflight, j.rel)
	p.cond.Broadcast()
	p.mu.Unlock()
	close(ch)
}

// reserve waits until n more bytes may be read ahead, and returns a buffer of that size. With
// nothing read ahead, it never waits (n may be larger than the whole allowance).
func (p *pool) reserve(n int64) []byte {
	b := p.bufs.get(int(n))
	p.mu.Lock()
	if p.free < int64(cap(b)) {
		p.mu.Unlock()
		p.send()
		p.mu.Lock()
	}
	for p.free < int64(cap(b)) && p.free < p.buffered {
		p.cond.Wait()
	}
	p.free -= int64(cap(b))
	p.mu.Unlock()
	return b
}

// release gives back a buffer that reserve returned.
func (p *pool) release(b []byte) {
	n := int64(cap(b))
	p.bufs.put(b)
	p.mu.Lock()
	p.free += n
	p.cond.Broadcast()
	p.mu.Unlock()
}

// submit queues j for a worker. The caller has waited for j.rel (wait) and reserved j.data.
func (p *pool) submit(j job) {
	p.mu.Lock()
	p.inflight[j.rel] = make(chan struct{})
	p.mu.Unlock()
	p.batch = append(p.batch, j)
	p.bytes += int64(len(j.data))
	if len(p.batch) >= batchJobs || p.bytes >= batchBytes {
		p.send()
	}
}

// send hands the queued jobs to a worker.
func (p *pool) send() {
	if len(p.batch) > 0 {
		p.jobs <- p.batch
		p.batch, p.bytes = make([]job, 0, batchJobs), 0
	}
}

// wait returns once no worker writes rel.
func (p *pool) wait(rel string) {
	p.mu.Lock()
	ch := p.inflight[rel]
	p.mu.Unlock()
	if ch != nil {
		p.send()
		<-ch
	}
}

// barrier returns once every submitted job is written.
func (p *pool) barrier() {
	p.send()
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
	p.send()
	close(p.jobs)
	p.wg.Wait()
	return p.err
}

// bufPool recycles the buffers of small files, by power-of-two size class (4 KiB to 1 MiB).
type bufPool struct {
	classes [9]sync.Pool
}

func class(n int) int {
	c := 0
	for size := 4 << 10; size < n && c < 8; size <<= 1 {
		c++
	}
	return c
}

func (bp *bufPool) get(n int) []byte {
	c := class(n)
	if b, ok := bp.classes[c].Get().(*[]byte); ok && cap(*b) >= n {
		return (*b)[:n]
	}
	return make([]byte, n, max(n, 4<<10<<c))
}

func (bp *bufPool) put(b []byte) {
	if cap(b) == 0 || cap(b) > smallFile {
		return
	}
	c := class(cap(b))
	if 4<<10<<c != cap(b) {
		return
	}
	bp.classes[c].Put(&b)
}
