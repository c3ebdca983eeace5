package scan

import (
	"errors"
	"fmt"
	"io"

	"golang.org/x/sys/unix"
)

// Segment is a run of a file's bytes that holds data; the rest of the file is holes.
type Segment struct {
	Offset, Length int64
}

// maxSegments bounds a sparse file's map: beyond it the smallest holes are read as data.
const maxSegments = 4096

// dataSegments returns where the open file fd, of size bytes, holds data, found with
// SEEK_DATA and SEEK_HOLE without reading the holes; ok is false for a file that is not sparse
// (all its blocks allocated, or a file system that cannot tell), which is then read whole.
func dataSegments(fd int, size int64) (segs []Segment, ok bool) {
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Blocks*512 >= size {
		return nil, false
	}
	for off := int64(0); off < size; {
		d, err := unix.Seek(fd, off, unix.SEEK_DATA)
		if errors.Is(err, unix.ENXIO) || err == nil && d >= size {
			break // only holes from off on
		}
		if err != nil {
			return nil, false
		}
		h, err := unix.Seek(fd, d, unix.SEEK_HOLE)
		if err != nil {
			return nil, false
		}
		h = min(h, size)
		segs = append(segs, Segment{Offset: d, Length: h - d})
		off = h
	}
	segs = coalesce(segs)
	if segs == nil {
		return []Segment{}, true // holes only
	}
	if len(segs) == 1 && segs[0] == (Segment{0, size}) {
		return nil, false
	}
	return segs, true
}

// coalesce merges segments across the smallest holes until at most maxSegments remain.
func coalesce(segs []Segment) []Segment {
	for gap := int64(4096); len(segs) > maxSegments; gap *= 2 {
		out := segs[:1]
		for _, s := range segs[1:] {
			last := &out[len(out)-1]
			if s.Offset-(last.Offset+last.Length) <= gap {
				last.Length = s.Offset + s.Length - last.Offset
				continue
			}
			out = append(out, s)
		}
		segs = out
	}
	return segs
}

// DataBytes is the number of bytes the segments hold.
func DataBytes(segs []Segment) int64 {
	var n int64
	for _, s := range segs {
		n += s.Length
	}
	return n
}

// writeSparse writes the data segments of a sparse file to w, in order, and nothing of its
// holes: DataBytes(it.Sparse) bytes, zeros standing for what could no longer be read.
func (it *Item) writeSparse(w io.Writer) (int64, error) {
	bp := getBuf(256 << 10)
	defer putBuf(bp)
	buf := *bp
	var total int64
	for _, s := range it.Sparse {
		for done := int64(0); done < s.Length; {
			p := buf[:min(int64(len(buf)), s.Length-done)]
			k := 0
			if it.fd >= 0 {
				k, it.Changed = preadFull(it.fd, p, s.Offset+done, it.Changed)
			}
			clear(p[k:]) // what could not be read is stored as zeros
			if _, err := w.Write(p); err != nil {
				return total, err
			}
			done += int64(len(p))
			total += int64(len(p))
		}
	}
	if it.Changed == nil && it.fd >= 0 {
		it.Changed = it.sparseCheck()
	}
	it.closeFD()
	return total, nil
}

// preadFull reads len(p) bytes at off; a short read or a failure is recorded in changed (the
// first one only) and the bytes read so far returned.
func preadFull(fd int, p []byte, off int64, changed error) (int, error) {
	n := 0
	for n < len(p) {
		k, err := unix.Pread(fd, p[n:], off+int64(n))
		if err == unix.EINTR {
			continue
		}
		if err != nil || k == 0 {
			if changed == nil {
				changed = fmt.Errorf("shrank or failed while read at byte %d (stored padded with zeros): %v", off+int64(n), err)
			}
			return n, changed
		}
		n += k
	}
	return n, changed
}

// sparseCheck compares a sparse file, once read, with what the walk saw.
func (it *Item) sparseCheck() error {
	var st unix.Stat_t
	if err := unix.Fstat(it.fd, &st); err != nil {
		return err
	}
	if st.Size != it.Entry.Size || st.Mtim.Nano() != it.Entry.MTime || it.modified {
		return errors.New("modified while read")
	}
	return nil
}
