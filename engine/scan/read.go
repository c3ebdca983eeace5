package scan

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"

	"golang.org/x/sys/unix"

	"coffre/engine/index"
)

// ReadOptions tune a Reader; zero fields take their defaults.
type ReadOptions struct {
	Workers int // files read at once; default 8 (cold disks answer faster to several readers)
	Ahead   int // files opened ahead of the consumer; default 64
	Head    int // bytes read ahead of each file; default 512 KiB (the rest is read by the consumer)
}

// Reader reads a list of files in order, several ahead of its consumer. Next must be called
// from one goroutine; Close releases what is still open.
type Reader struct {
	ctx    context.Context
	cancel context.CancelFunc
	root   int
	all    []Entry
	which  []int
	o      ReadOptions
	order  chan *Item
	work   chan *Item
	done   chan struct{}
}

// Item is one file of a Reader: read it with WriteTo, then Close it.
type Item struct {
	Entry *Entry
	Err   error // could not be opened or read: nothing to store; Code(Err) is the warning
	// Changed, after WriteTo, says how the file changed while read (code ChangedWhile): what
	// was written is still a consistent entry of Entry.Size bytes.
	Changed error
	head    []byte
	file    *os.File // the rest, when the file is larger than the head
	ready   chan struct{}
}

// NewReader reads the files all[i] for i in which (in that order, all in Walk's order) under
// root, which must be the directory Walk listed.
func NewReader(ctx context.Context, root string, all []Entry, which []int, o ReadOptions) (*Reader, error) {
	fd, err := OpenDir(unix.AT_FDCWD, root, &all[0])
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", root, err)
	}
	o = o.withDefaults()
	ctx, cancel := context.WithCancel(ctx)
	r := &Reader{ctx: ctx, cancel: cancel, root: fd, all: all, which: which, o: o,
		order: make(chan *Item, o.Ahead), work: make(chan *Item, o.Ahead), done: make(chan struct{})}
	go r.dispatch()
	for i := 0; i < o.Workers; i++ {
		go r.read()
	}
	return r, nil
}

func (o ReadOptions) withDefaults() ReadOptions {
	if o.Workers <= 0 {
		o.Workers = 8
	}
	if o.Ahead <= 0 {
		o.Ahead = 64
	}
	if o.Head <= 0 {
		o.Head = 512 << 10
	}
	return o
}

// Next returns the next file once its head is read; false when there are no more.
func (r *Reader) Next() (*Item, bool) {
	it, ok := <-r.order
	if !ok {
		return nil, false
	}
	<-it.ready // every item handed out is made ready, even after Close
	return it, true
}

// Close stops reading ahead and closes every file still open.
func (r *Reader) Close() {
	r.cancel()
	for it := range r.order {
		<-it.ready
		it.Close()
	}
	<-r.done
}

// dispatch opens the files in order (keeping the chain of directories to the current one
// open) and hands them to the readers.
func (r *Reader) dispatch() {
	d := dirs{r: r, fds: []int{r.root}, rels: []string{""}}
	defer close(r.done)
	defer close(r.work)
	defer close(r.order)
	defer d.closeAll()
	for _, i := range r.which {
		e := &r.all[i]
		it := &Item{Entry: e, ready: make(chan struct{})}
		if parent, err := d.enter(dirOf(e.Rel)); err != nil {
			it.Err = err
		} else {
			it.file, it.Err = OpenFile(parent, baseOf(e.Rel), e)
		}
		select {
		case r.order <- it:
		case <-r.ctx.Done():
			it.Close()
			return
		}
		if it.Err != nil {
			close(it.ready)
			continue
		}
		r.work <- it
	}
}

// read fills the heads of the files handed to it.
func (r *Reader) read() {
	for it := range r.work {
		if r.ctx.Err() == nil {
			it.readHead(r.o.Head)
		}
		close(it.ready)
	}
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

// lookup finds the entry rel in the walk's sorted list.
func (r *Reader) lookup(rel string) *Entry {
	i := sort.Search(len(r.all), func(i int) bool { return index.Compare(r.all[i].Rel, rel) >= 0 })
	if i < len(r.all) && r.all[i].Rel == rel {
		return &r.all[i]
	}
	return nil
}

var _ io.WriterTo = (*Item)(nil)
