package scan

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"

	"coffre/engine/index"
)

// ReadOptions tune a Reader; zero fields take their defaults.
type ReadOptions struct {
	Workers int // batches read at once; default 8 (cold disks answer faster to several readers)
	Ahead   int // batches prepared ahead of the consumer; default 64
	// AheadBytes bounds the file heads read ahead of the consumer; default 8 MiB. A run of small
	// files is read far ahead, a run of large ones (512 KiB heads) eight or so batches ahead.
	AheadBytes int
	Head       int // bytes read ahead of each file; default 512 KiB (the rest is read by the consumer)
	Batch      int // files per batch at most; default 32 (a batch also ends at 1 MiB of buffers)
}

// Reader reads a list of files in order, several ahead of its consumer, in batches of files of
// one directory (one hand-off per batch, not per file). Next must be called from one
// goroutine; Close releases what is still open.
type Reader struct {
	ctx    context.Context
	cancel context.CancelFunc
	root   int
	src    Source
	above  []Entry // the directories from the root to the last one src gave
	o      ReadOptions
	order  chan *batch
	work   chan *batch
	done   chan struct{}
	cur    *batch
	pos    int
	budget budget // AheadBytes, less the heads of the batches handed out and not consumed
}

// batch is consecutive files of one directory, read by one worker.
type batch struct {
	dirfd   int   // a duplicate of the directory's descriptor, closed once read; -1 if it failed
	openErr error // why the directory could not be opened
	items   []Item
	heads   int         // bytes of buffers its heads take at most
	taken   atomic.Bool // by a worker or by the consumer, whoever comes first
	ready   chan struct{}
}

// Source gives a Reader, in Walk's order, the files to read (index.File entries) and the
// directories above them (index.Dir entries); it returns false at the end. It is called from
// one goroutine of the Reader, never after Close returned.
type Source func() (Entry, bool)

// NewReader reads, in order, the files src gives under root, which must be the directory that
// Walk listed as top. Memory is bounded whatever the number of files: a few batches ahead.
func NewReader(ctx context.Context, root string, top *Entry, src Source, o ReadOptions) (*Reader, error) {
	fd, err := OpenDir(unix.AT_FDCWD, root, top)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", root, err)
	}
	o = o.withDefaults()
	ctx, cancel := context.WithCancel(ctx)
	r := &Reader{ctx: ctx, cancel: cancel, root: fd, src: src, above: []Entry{*top}, o: o,
		order: make(chan *batch, o.Ahead), work: make(chan *batch, o.Ahead), done: make(chan struct{}),
		budget: budget{free: o.AheadBytes, wake: make(chan struct{}, 1)}}
	go r.dispatch()
	for i := 0; i < o.Workers; i++ {
		go r.read()
	}
	return r, nil
}

func (o ReadOptions) withDefaults() ReadOptions {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Workers, 8)
	def(&o.Ahead, 64)
	def(&o.AheadBytes, 8<<20)
	def(&o.Head, 512<<10)
	def(&o.Batch, 32)
	return o
}

// Next returns the next file once its head is read; false when there are no more. The item
// is valid until the next call to Next; the caller Closes it.
func (r *Reader) Next() (*Item, bool) {
	for r.cur == nil || r.pos == len(r.cur.items) {
		if r.cur != nil {
			r.budget.give(r.cur.heads)
			r.cur = nil
		}
		b, ok := <-r.order
		if !ok {
			return nil, false
		}
		r.take(b) // a batch no worker has started yet is read here rather than waited for
		<-b.ready // every batch handed out is made ready, even after Close
		r.cur, r.pos = b, 0
	}
	r.pos++
	return &r.cur.items[r.pos-1], true
}

// Close stops reading ahead and closes every file still open.
func (r *Reader) Close() {
	r.cancel()
	if r.cur != nil {
		r.cur.close(r.pos)
	}
	for b := range r.order {
		<-b.ready
		b.close(0)
	}
	<-r.done
}

func (b *batch) close(from int) {
	for i := from; i < len(b.items); i++ {
		b.items[i].Close()
	}
}

// dispatch cuts the list into batches (keeping the chain of directories to the current one
// open) and hands them to the workers, in order.
func (r *Reader) dispatch() {
	d := dirs{r: r, fds: []int{r.root}, rels: []string{""}}
	defer close(r.done)
	defer close(r.work)
	defer close(r.order)
	defer d.closeAll()
	var b *batch
	heads := 0
	for {
		e := r.nextFile()
		if e == nil {
			break
		}
		if b != nil && (len(b.items) == r.o.Batch || heads >= 1<<20 || dirOf(e.Rel) != dirOf(b.items[0].Entry.Rel)) {
			if !r.send(b) {
				return
			}
			b = nil
		}
		if b == nil {
			b, heads = r.newBatch(&d, dirOf(e.Rel)), 0
		}
		b.items = append(b.items, Item{Entry: e, Err: b.openErr, fd: -1})
		heads += classSize(int(min(e.Size+1, int64(r.o.Head))))
		b.heads = heads
	}
	if b != nil {
		r.send(b)
	}
}

func (r *Reader) newBatch(d *dirs, dir string) *batch {
	b := &batch{dirfd: -1, ready: make(chan struct{}), items: make([]Item, 0, r.o.Batch)}
	fd, err := d.enter(dir)
	if err == nil {
		b.dirfd, err = unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 0)
	}
	b.openErr = err
	return b
}

// send hands b to the workers and to the consumer, once its heads fit in the budget; false if
// the Reader was closed.
func (r *Reader) send(b *batch) bool {
	b.heads = min(b.heads, r.o.AheadBytes) // a batch larger than the budget goes alone
	ok := r.budget.take(r.ctx, b.heads)
	if ok {
		select {
		case r.order <- b:
		case <-r.ctx.Done():
			ok = false
		}
	}
	if !ok {
		if b.dirfd >= 0 {
			unix.Close(b.dirfd)
		}
		return false
	}
	r.work <- b
	return true
}

// budget counts bytes; one goroutine takes, another gives back.
type budget struct {
	mu   sync.Mutex
	free int
	wake chan struct{} // signalled when bytes are given back
}

// take waits until n bytes are free and takes them; false if ctx ends first.
func (b *budget) take(ctx context.Context, n int) bool {
	for {
		b.mu.Lock()
		if b.free >= n {
			b.free -= n
			b.mu.Unlock()
			return true
		}
		b.mu.Unlock()
		select {
		case <-b.wake:
		case <-ctx.Done():
			return false
		}
	}
}

func (b *budget) give(n int) {
	b.mu.Lock()
	b.free += n
	b.mu.Unlock()
	select {
	case b.wake <- struct{}{}:
	default:
	}
}

// read takes the batches handed to the workers.
func (r *Reader) read() {
	for b := range r.work {
		r.take(b)
	}
}

// take opens and reads the heads of the files of b, unless someone else took b first.
func (r *Reader) take(b *batch) {
	if !b.taken.CompareAndSwap(false, true) {
		return
	}
	for i := range b.items {
		if it := &b.items[i]; it.Err == nil && r.ctx.Err() == nil {
			it.open(b.dirfd, r.o.Head)
		}
	}
	if b.dirfd >= 0 {
		unix.Close(b.dirfd)
	}
	close(b.ready)
}

// dirs keeps open the chain of directories from the root to the one being read.
type dirs struct {
	r    *Reader
	fds  []int
	rels []string
}

// enter returns the descriptor of directory rel, opening the components not yet open.
func (d *dirs) enter(rel string) (int, error) {
	for !isUnder(rel, d.rels[len(d.rels)-1]) {
		d.pop()
	}
	for cur := d.rels[len(d.rels)-1]; cur != rel; cur = d.rels[len(d.rels)-1] {
		next := nextComponent(cur, rel)
		e := d.r.lookup(next)
		if e == nil || e.Type != index.Dir {
			return -1, fmt.Errorf("directory %q: %w", next, errChangedType)
		}
		fd, err := OpenDir(d.fds[len(d.fds)-1], baseOf(next), e)
		if err != nil {
			return -1, err
		}
		d.fds, d.rels = append(d.fds, fd), append(d.rels, next)
	}
	return d.fds[len(d.fds)-1], nil
}

func (d *dirs) pop() {
	unix.Close(d.fds[len(d.fds)-1])
	d.fds, d.rels = d.fds[:len(d.fds)-1], d.rels[:len(d.rels)-1]
}

func (d *dirs) closeAll() {
	for len(d.fds) > 0 {
		d.pop()
	}
}

// nextFile returns the next file of src, keeping the directories above it; nil at the end or
// once the Reader is closed.
func (r *Reader) nextFile() *Entry {
	for r.ctx.Err() == nil {
		e, ok := r.src()
		switch {
		case !ok:
			return nil
		case e.Type == index.Dir:
			for len(r.above) > 1 && !isUnder(e.Rel, r.above[len(r.above)-1].Rel) {
				r.above = r.above[:len(r.above)-1]
			}
			r.above = append(r.above, e)
		case e.Type == index.File:
			return &e
		}
	}
	return nil
}

// lookup finds the directory rel among those above the last file src gave.
func (r *Reader) lookup(rel string) *Entry {
	for i := len(r.above) - 1; i >= 0; i-- {
		if r.above[i].Rel == rel {
			return &r.above[i]
		}
	}
	return nil
}
