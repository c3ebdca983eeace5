package archive

import (
	"io"
	"sync"
)

// pipe is io.Pipe for large writes: each Write hands its whole slice to the reader in one
// exchange, and the reader then takes it in as many Reads as it likes without waking the
// writer, which io.Pipe does at every Read (a storage that copies through a 32 KiB buffer
// would otherwise switch goroutines about a hundred times per compressed chunk).
type pipe struct {
	data    chan []byte
	done    chan struct{} // the slice handed over has been read
	wclosed chan struct{}
	rclosed chan struct{}
	cur     []byte
	once    [2]sync.Once
	werr    error // why the writer closed (io.EOF when it finished)
	rerr    error
}

func newPipe() *pipe {
	return &pipe{data: make(chan []byte), done: make(chan struct{}),
		wclosed: make(chan struct{}), rclosed: make(chan struct{})}
}

// Write blocks until the reader has read all of p, or has stopped.
func (p *pipe) Write(b []byte) (int, error) {
	if len(b) == 0 {
		return 0, nil
	}
	select {
	case p.data <- b:
	case <-p.rclosed:
		return 0, p.rerr
	}
	select {
	case <-p.done:
		return len(b), nil
	case <-p.rclosed:
		return 0, p.rerr
	}
}

// Read reads from the slice being handed over; io.EOF (or the writer's error) at the end.
func (p *pipe) Read(b []byte) (int, error) {
	if len(p.cur) == 0 {
		select {
		case p.cur = <-p.data:
		case <-p.wclosed:
			return 0, p.werr
		}
	}
	n := copy(b, p.cur)
	p.cur = p.cur[n:]
	if len(p.cur) == 0 {
		p.done <- struct{}{}
	}
	return n, nil
}

// WriteTo writes each slice handed over to w as it comes, without copying it first: a
// storage that copies from its reader takes this way (io.Copy does).
func (p *pipe) WriteTo(w io.Writer) (int64, error) {
	var n int64
	for {
		if len(p.cur) == 0 {
			select {
			case p.cur = <-p.data:
			case <-p.wclosed:
				if p.werr == io.EOF {
					return n, nil
				}
				return n, p.werr
			}
		}
		k, err := w.Write(p.cur)
		n += int64(k)
		p.cur = p.cur[k:]
		if err == nil && len(p.cur) > 0 {
			err = io.ErrShortWrite
		}
		if err != nil {
			return n, err
		}
		p.done <- struct{}{}
	}
}

// CloseWrite ends the stream: the reader gets err, or io.EOF when err is nil.
func (p *pipe) CloseWrite(err error) {
	if err == nil {
		err = io.EOF
	}
	p.once[0].Do(func() { p.werr = err; close(p.wclosed) })
}

// CloseRead tells the writer that nothing more will be read: its writes fail with err.
func (p *pipe) CloseRead(err error) {
	p.once[1].Do(func() { p.rerr = err; close(p.rclosed) })
}
