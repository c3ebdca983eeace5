package scan

import (
	"errors"
	"fmt"
	"io"

	"golang.org/x/sys/unix"
)

// readHead reads up to max bytes of the file; a file that is no larger is then closed.
func (it *Item) readHead(max int) {
	n := int(min(it.Entry.Size, int64(max)))
	buf := make([]byte, n, n+1)
	k, err := io.ReadFull(it.file, buf)
	it.head = buf[:k]
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		it.Err = err
		it.Close()
		return
	}
	if int64(k) < it.Entry.Size && k == n && n == max {
		return // more to read by WriteTo
	}
	it.Changed = it.finalCheck(int64(k))
	it.file.Close()
	it.file = nil
}

// WriteTo writes exactly Entry.Size bytes of the file to w: what was read, padded with zeros if
// the file shrank or failed while read, cut if it grew. A file that changed while read is still
// written; Changed then says how. The error is w's.
func (it *Item) WriteTo(w io.Writer) (int64, error) {
	n, err := w.Write(it.head)
	total := int64(n)
	if err != nil {
		return total, err
	}
	if it.file != nil {
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
	buf := make([]byte, min(rest, 1<<20))
	var done int64
	for done < rest {
		k, rerr := it.file.Read(buf[:min(int64(len(buf)), rest-done)])
		if _, werr := w.Write(buf[:k]); werr != nil {
			return done, werr
		}
		done += int64(k)
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			it.Changed = fmt.Errorf("read failed after %d bytes: %w", int64(len(it.head))+done, rerr)
			it.Close()
			return done, nil
		}
	}
	if it.Changed == nil {
		it.Changed = it.finalCheck(int64(len(it.head)) + done)
	}
	it.Close()
	return done, nil
}

// finalCheck compares the file, read up to got bytes, with what the walk saw.
func (it *Item) finalCheck(got int64) error {
	e := it.Entry
	if got < e.Size {
		return fmt.Errorf("shrank to %d bytes while read (stored padded to %d)", got, e.Size)
	}
	var one [1]byte
	if k, _ := it.file.Read(one[:]); k > 0 {
		return fmt.Errorf("grew while read (stored cut to %d bytes)", e.Size)
	}
	var st unix.Stat_t
	if err := unix.Fstat(int(it.file.Fd()), &st); err != nil {
		return err
	}
	if st.Size != e.Size || st.Mtim.Nano() != e.MTime {
		return errors.New("modified while read")
	}
	return nil
}

func pad(w io.Writer, n int64) (int64, error) {
	var zeros [32 << 10]byte
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

// Close closes the file if it is still open.
func (it *Item) Close() {
	if it.file != nil {
		it.file.Close()
		it.file = nil
	}
}
