package archive

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/klauspost/compress/zstd"

	"coffre/engine/manifest"
)

// Options tune a Writer; zero fields take their defaults.
type Options struct {
	Name       string            // the backup's name: volumes are Name.tar.zst[.001 ...]
	SplitBytes int64             // volume size; 0 for a single volume
	Level      zstd.EncoderLevel // default zstd.SpeedDefault (about zstd -3)
	Workers    int               // parallel encoders; default GOMAXPROCS
	ChunkSize  int               // bytes of tar stream per zstd frame; default 2 MiB
	// Queued is how many chunks the tar writer may fill ahead of the encoders; default 2. Runs of
	// small files fill chunks slower than the encoders empty them, large compressible files the
	// other way round: chunks filled ahead keep both busy across such runs. (On the bench corpus
	// the encoders waited 0.25 s in all with 1, 0.05 s with 2; more cost CPU, the chunks falling
	// out of the cache before they are compressed.)
	Queued int
	// Sealed says that the storage encrypts the volumes with an AEAD (a backup password): what
	// is read back of them is authenticated already, so the frames carry no SHA-256 of their own
	// (a zero Sum), which a FrameReader accepts only through an Authenticator.
	Sealed bool
}

// Writer writes a PAX tar stream, compresses it in chunks on several cores (each chunk an
// independent zstd frame, written in order) and stores it as volumes. WriteHeader and Write are
// those of archive/tar; Close finishes and returns the volumes. Not safe for concurrent use.
type Writer struct {
	tw   *tarWriter
	ctx  context.Context
	free chan *chunk // chunks to fill
	outs chan []byte // buffers for the encoders' output
	jobs chan *chunk
	ord  chan *chunk
	cur  *chunk
	sink *sink
	wg   sync.WaitGroup
	seq  chan struct{} // closed when the sequencer has stopped
	mu   sync.Mutex
	err  error // the first failure, sticky
	raw  int64
	// frames is the frame table, written by the sequencer: one Frame per chunk.
	frames            []Frame
	rawDone, compDone int64
	sums              bool // SHA-256 of each frame (not Sealed)
}

type chunk struct {
	in, out []byte
	sum     [32]byte // SHA-256 of out
	done    chan struct{}
}

// NewWriter starts the encoders and the sequencer. The caller must Close or Abort the Writer.
//
// Memory: Workers+Queued input chunks, and Workers+1 output buffers (an encoder takes one
// before it takes a chunk, so the oldest chunk in flight always has one and the sequencer,
// which stores chunks in order, never waits on a chunk that waits for a buffer).
func NewWriter(ctx context.Context, st Putter, o Options) (*Writer, error) {
	o = o.withDefaults()
	n := o.Workers + o.Queued
	w := &Writer{ctx: ctx, sink: &sink{ctx: ctx, st: st, name: o.Name, split: o.SplitBytes},
		free: make(chan *chunk, n), outs: make(chan []byte, o.Workers+1), jobs: make(chan *chunk, n),
		ord: make(chan *chunk, n), seq: make(chan struct{}), sums: !o.Sealed}
	for i := 0; i < n; i++ {
		w.free <- &chunk{in: make([]byte, 0, o.ChunkSize), done: make(chan struct{}, 1)}
	}
	for i := 0; i < cap(w.outs); i++ {
		// sized for the worst case (raw frames, or zstd's bound), so it never grows
		w.outs <- make([]byte, 0, o.ChunkSize+o.ChunkSize/64+64<<10)
	}
	for i := 0; i < o.Workers; i++ {
		enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(o.Level), zstd.WithEncoderConcurrency(1),
			zstd.WithWindowSize(2<<20)) // as zstd -3; a larger window costs memory, not size
		if err != nil {
			return nil, fmt.Errorf("archive writer: %w", err)
		}
		w.wg.Add(1)
		go w.encode(enc)
	}
	go w.sequence()
	w.tw = &tarWriter{w: chunkWriter{w}}
	return w, nil
}

func (o Options) withDefaults() Options {
	if o.Level == 0 {
		o.Level = zstd.SpeedDefault
	}
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.ChunkSize <= 0 {
		o.ChunkSize = 2 << 20
	}
	if o.Queued <= 0 {
		o.Queued = 2
	}
	return o
}

// WriteHeader starts an entry, in PAX format. Only regular files, directories, symlinks and
// hard links, and the fields Name, Linkname, Typeflag, Mode, Uid, Gid, Uname, Gname, Size and
// ModTime are written.
func (w *Writer) WriteHeader(h *tar.Header) error {
	if err := w.tw.WriteHeader(h); err != nil {
		return w.fail(fmt.Errorf("tar header %q: %w", h.Name, err))
	}
	return nil
}

// WriteSparseHeader starts the regular file h, of h.Size bytes of which only the data segments
// hold data (the rest are holes, read as zeros): the content then written is the data
// segments' bytes, in order, and nothing of the holes. The entry is in GNU tar's PAX sparse
// format 1.0, which GNU tar (and archive/tar) read back as a sparse file of h.Size bytes.
func (w *Writer) WriteSparseHeader(h *tar.Header, data []Segment) error {
	if err := w.tw.WriteSparseHeader(h, data); err != nil {
		return w.fail(fmt.Errorf("tar header %q: %w", h.Name, err))
	}
	return nil
}

// Write writes the current entry's content.
func (w *Writer) Write(p []byte) (int, error) {
	n, err := w.tw.Write(p)
	if err != nil {
		return n, w.fail(fmt.Errorf("tar write: %w", err))
	}
	return n, nil
}

// Bytes is the size of the uncompressed tar stream written so far, counting the padding that
// ends the entry written last (the tar writer writes it with the next header): where the next
// entry's header starts, once the current entry's content is all written.
func (w *Writer) Bytes() int64 { return w.raw + w.tw.remain + w.tw.pad }

func (w *Writer) encode(enc *zstd.Encoder) {
	defer w.wg.Done()
	defer enc.Close()
	for out := range w.outs {
		c, ok := <-w.jobs
		if !ok {
			return
		}
		c.out = compress(enc, c.in, out[:0])
		if w.sums {
			c.sum = sha256.Sum256(c.out)
		}
		c.done <- struct{}{}
	}
}

// sequence writes the compressed chunks in order to the volumes and recycles them.
func (w *Writer) sequence() {
	defer close(w.seq)
	for c := range w.ord {
		<-c.done
		w.frames = append(w.frames, Frame{Raw: w.rawDone, Comp: w.compDone, Sum: c.sum})
		w.rawDone += int64(len(c.in))
		w.compDone += int64(len(c.out))
		if w.failed() == nil {
			if _, err := w.sink.Write(c.out); err != nil {
				w.fail(err)
			}
		}
		w.outs <- c.out
		c.in, c.out = c.in[:0], nil
		w.free <- c
	}
}

func (w *Writer) fail(err error) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err == nil {
		w.err = err
	}
	return w.err
}

func (w *Writer) failed() error {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.err
}

// chunkWriter receives the tar stream and cuts it into chunks for the encoders.
type chunkWriter struct{ w *Writer }

func (cw chunkWriter) Write(p []byte) (int, error) {
	w := cw.w
	n := 0
	for len(p) > 0 {
		if err := w.failed(); err != nil {
			return n, err
		}
		if w.cur == nil && !w.take() {
			return n, w.failed()
		}
		k := copy(w.cur.in[len(w.cur.in):cap(w.cur.in)], p)
		w.cur.in = w.cur.in[:len(w.cur.in)+k]
		p, n, w.raw = p[k:], n+k, w.raw+int64(k)
		if len(w.cur.in) == cap(w.cur.in) {
			w.submit()
		}
	}
	return n, nil
}

// take gets a free chunk, waiting for the sequencer; false if ctx ends first.
func (w *Writer) take() bool {
	select {
	case w.cur = <-w.free:
		return true
	case <-w.ctx.Done():
		w.fail(fmt.Errorf("archive: %w", w.ctx.Err()))
		return false
	}
}

func (w *Writer) submit() {
	w.ord <- w.cur
	w.jobs <- w.cur
	w.cur = nil
}

// Close writes the end of the tar stream, waits for every chunk to be stored and returns the
// volumes, in order.
func (w *Writer) Close() ([]manifest.Object, error) {
	if err := w.tw.Close(); err != nil {
		w.fail(fmt.Errorf("tar close: %w", err))
	}
	if w.cur != nil && len(w.cur.in) > 0 {
		w.submit()
	}
	w.stop()
	if err := w.failed(); err != nil {
		w.sink.abort(err)
		return nil, err
	}
	if err := w.sink.close(); err != nil {
		return nil, err
	}
	w.frames = append(w.frames, Frame{Raw: w.rawDone, Comp: w.compDone})
	return w.sink.vols, nil
}

// Frames is the frame table of the archive, once Close returned: where each chunk (one or more
// independent zstd frames) starts in the uncompressed stream and in the volumes taken one after
// the other, with its SHA-256 (zero when Sealed); then a Frame at both ends. A reader can start decompressing at
// any of them (FrameReader).
func (w *Writer) Frames() []Frame { return w.frames }

// Abort stops the Writer after a failure elsewhere: the volume in flight is abandoned (the
// storage keeps nothing of it). Volumes already stored stay: Started names them all.
func (w *Writer) Abort(err error) {
	if err == nil {
		err = errors.New("archive aborted")
	}
	w.fail(err)
	w.stop()
	w.sink.abort(err)
}

func (w *Writer) stop() {
	if w.jobs == nil {
		return
	}
	close(w.jobs)
	close(w.ord)
	w.wg.Wait()
	<-w.seq
	w.jobs = nil
}

// Started names every volume the Writer began to store, finished or not.
func (w *Writer) Started() []string { return w.sink.started }
