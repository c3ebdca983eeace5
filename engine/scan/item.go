package scan

import (
	"errors"
	"fmt"
	"io"
	"sync"

	"golang.org/x/sys/unix"
)

// Item is one file of a Reader: write it with WriteTo, then Close it.
type Item struct {
	Entry *Entry
	Err   error // could not be opened or read: nothing to store; Code(Err) is the warning
	// Changed, after WriteTo, says how the file changed while read (code ChangedWhile): what
	// was written is still a consistent entry of Entry.Size bytes.
	Changed error
	// Sparse, for a file with holes (found with SEEK_DATA and SEEK_HOLE), lists where it holds
	// data; WriteTo then writes only those bytes, DataBytes(Sparse) of them. Nil otherwise.
	Sparse   []Segment
	head     []byte
	buf      *[]byte // head's pooled buffer
	fd       int     // open while the rest of a large file remains to be read; else -1
	modified bool    // size or mtime differed when opened
}

// open opens the file and reads its head (all of it if it is no larger than max).
func (it *Item) open(dirfd int, max int) {
	fd, err := OpenFile(dirfd, baseOf(it.Entry.Rel), it.Entry)
	if fd < 0 {
		it.Err = err
		return
	}
	it.fd, it.modified = fd, err != nil
	size := it.Entry.Size
	if size > int64(max) {
		if segs, ok := dataSegments(fd, size); ok {
			it.Sparse = segs // only its data is read, by WriteTo
			return
		}
	}
	whole := size <= int64(max)
	want := max
	if whole {
		// one byte more: a file that grew is seen without another read
		want = int(size) + 1
	}
	it.buf = getBuf(want)
	k, err := readHead(fd, (*it.buf)[:want], size)
	if err != nil {
		it.Err = err
		it.Close()
		return
	}
	it.head = (*it.buf)[:min(k, int(min(size, int64(max))))]
	if !whole && k == want {
		return // the rest is read by WriteTo
	}
	// Read whole in one go: the size check and the fstat after opening are enough.
	it.Changed = it.sizeCheck(int64(k))
	it.closeFD()
}

// sizeCheck compares the bytes read, got, with the size listed.
func (it *Item) sizeCheck(got int64) error {
	e := it.Entry
	switch {
	case got < e.Size:
		return fmt.Errorf("shrank to %d bytes while read (stored padded to %d)", got, e.Size)
	case got > e.Size:
		return fmt.Errorf("grew while read (stored cut to %d bytes)", e.Size)
	case it.modified:
		return fmt.Errorf("%w (its size or mtime differ)", errModified)
	}
	return nil
}

// readHead reads a file's head into p. A file of size bytes (as listed) read whole in fewer
// reads than p asks for is taken as complete without one more read to meet its end: a read
// of a regular file that returns less than asked is at its end, and a file that grows after
// the read that got its listed size is as good as one that grew after it was read. A small
// file then costs one read, not two.
func readHead(fd int, p []byte, size int64) (int, error) {
	n := 0
	for n < len(p) {
		k, err := unix.Read(fd, p[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return n, err
		}
		n += k
		if k == 0 || int64(n) == size {
			break
		}
	}
	return n, nil
}

// readFull reads until p is full or the file ends.
func readFull(fd int, p []byte) (int, error) {
	n := 0
	for n < len(p) {
		k, err := unix.Read(fd, p[n:])
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return n, err
		}
		if k == 0 {
			break
		}
		n += k
	}
	return n, nil
}

// WriteTo writes exactly Entry.Size bytes of the file to w (of a sparse file, only its data
// segments: see Sparse): what was read, padded with zeros if
// the file shrank or failed while read, cut if it grew. A file that changed while read is still
// written; Changed then says how. The error is w's.
func (it *Item) WriteTo(w io.Writer) (int64, error) {
	if it.Sparse != nil {
		return it.writeSparse(w)
	}
	n, err := w.Write(it.head)
	total := int64(n)
	if err != nil {
		return total, err
	}
	if it.fd >= 0 {
		k, werr := it.copyRest(w)
		total += k
		if werr != nil {
			return total, werr
		}
	}
	k, err := pad(w, it.Entry.Size-total)
	return total + k, err
}

// copyRest streams the file after its head; returns the bytes written and w's error.
func (it *Item) copyRest(w io.Writer) (int64, error) {
	rest := it.Entry.Size - int64(len(it.head))
	bp := getBuf(256 << 10)
	defer putBuf(bp)
	buf := *bp
	var done int64
	for done < rest {
		k, rerr := readFull(it.fd, buf[:min(int64(len(buf)), rest-done)])
		if _, werr := w.Write(buf[:k]); werr != nil {
			return done, werr
		}
		done += int64(k)
		if rerr != nil {
			it.Changed = fmt.Errorf("read failed after %d bytes: %w", int64(len(it.head))+done, rerr)
			it.closeFD()
			return done, nil
		}
		if k == 0 {
			break
		}
	}
	if it.Changed == nil {
		it.Changed = it.finalCheck(int64(len(it.head)) + done)
	}
	it.closeFD()
	return done, nil
}

// finalCheck compares a large file, of which got bytes were read, with what the walk saw.
func (it *Item) finalCheck(got int64) error {
	e := it.Entry
	if err := it.sizeCheck(got); err != nil {
		return err
	}
	var one [1]byte
	if k, _ := unix.Read(it.fd, one[:]); k > 0 {
		return fmt.Errorf("grew while read (stored cut to %d bytes)", e.Size)
	}
	var st unix.Stat_t
	if err := unix.Fstat(it.fd, &st); err != nil {
		return err
	}
	if st.Size != e.Size || st.Mtim.Nano() != e.MTime {
		return errors.New("modified while read")
	}
	return nil
}

var zeros = make([]byte, 64<<10)

func pad(w io.Writer, n int64) (int64, error) {
	var done int64
	for done < n {
		k, err := w.Write(zeros[:min(n-done, int64(len(zeros)))])
		done += int64(k)
		if err != nil {
			return done, err
		}
	}
	return done, nil
}

// Close closes the file if it is still open and releases the item's buffer.
func (it *Item) Close() {
	it.closeFD()
	if it.buf != nil {
		putBuf(it.buf)
		it.buf, it.head = nil, nil
	}
}

func (it *Item) closeFD() {
	if it.fd >= 0 {
		unix.Close(it.fd)
		it.fd = -1
	}
}

// Buffers come from pools by size class, so that reading many files makes little garbage.
var bufClasses = []int{4 << 10, 16 << 10, 64 << 10, 128 << 10, 256 << 10, 512<<10 + 1}

// classSize is the size of the buffer getBuf(n) returns.
func classSize(n int) int {
	for _, c := range bufClasses {
		if n <= c {
			return c
		}
	}
	return n
}

var bufPools = make([]sync.Pool, len(bufClasses))

func getBuf(n int) *[]byte {
	for i, c := range bufClasses {
		if n <= c {
			if b, ok := bufPools[i].Get().(*[]byte); ok {
				return b
			}
			b := make([]byte, c)
			return &b
		}
	}
	b := make([]byte, n)
	return &b
}

func putBuf(b *[]byte) {
	for i, c := range bufClasses {
		if len(*b) == c {
			bufPools[i].Put(b)
			return
		}
	}
}
