package archive

import (
	"archive/tar"
	"fmt"
	"strconv"
	"strings"
)

// Segment is a run of a sparse file's bytes that holds data; what no segment covers is a hole.
type Segment struct {
	Offset, Length int64
}

// WriteSparseHeader ends the previous entry and starts h as a sparse file in GNU tar's PAX
// format 1.0: an extended header with GNU.sparse.major=1, minor=0, name (h.Name) and realsize
// (h.Size), a ustar header named GNUSparseFile.0/<base> whose size counts what is stored, then,
// as the first blocks of the content, the map: the number of segments and each one's offset
// and length, one decimal number a line, padded to a block. The caller then writes the data
// segments' bytes, in order. data must be in order, not overlapping, within h.Size.
func (t *tarWriter) WriteSparseHeader(h *tar.Header, data []Segment) error {
	if h.Typeflag != tar.TypeReg {
		return fmt.Errorf("tar header %q: a sparse entry must be a regular file", h.Name)
	}
	var n, end int64
	for _, s := range data {
		if s.Offset < end || s.Length < 0 || s.Offset > h.Size-s.Length {
			return fmt.Errorf("tar header %q: segment %d+%d out of order or past %d bytes", h.Name, s.Offset, s.Length, h.Size)
		}
		n, end = n+s.Length, s.Offset+s.Length
	}
	m := sparseMap(data, h.Size)
	sh := *h
	sh.Name, sh.Size = sparseName(h.Name), int64(len(m))+n
	var pre []byte
	pre = appendRecord(pre, "GNU.sparse.major", "1")
	pre = appendRecord(pre, "GNU.sparse.minor", "0")
	pre = appendRecord(pre, "GNU.sparse.name", h.Name)
	pre = appendRecord(pre, "GNU.sparse.realsize", strconv.FormatInt(h.Size, 10))
	if err := t.writeHeader(&sh, pre); err != nil {
		return err
	}
	_, err := t.Write(m)
	return err
}

// sparseMap is the map of a sparse file of size bytes, padded to a block. As GNU tar does, a
// file that ends in a hole gets a last, empty segment at its end.
func sparseMap(data []Segment, size int64) []byte {
	if len(data) == 0 || data[len(data)-1].Offset+data[len(data)-1].Length < size {
		data = append(data[:len(data):len(data)], Segment{Offset: size})
	}
	b := strconv.AppendInt(nil, int64(len(data)), 10)
	b = append(b, '\n')
	for _, s := range data {
		b = strconv.AppendInt(b, s.Offset, 10)
		b = append(b, '\n')
		b = strconv.AppendInt(b, s.Length, 10)
		b = append(b, '\n')
	}
	return append(b, zeroBlocks[:padding(int64(len(b)))]...)
}

// sparseName is the name of the ustar header of a sparse entry, which readers that know the
// format replace with GNU.sparse.name: GNU tar's "GNUSparseFile.<n>/<base>", kept short and ASCII
// so that it needs no PAX record of its own.
func sparseName(name string) string {
	base := strings.TrimSuffix(name, "/")
	base = base[strings.LastIndexByte(base, '/')+1:]
	b := []byte(base[:min(len(base), 60)])
	for i, c := range b {
		if c >= 0x80 {
			b[i] = '_'
		}
	}
	return "GNUSparseFile.0/" + string(b)
}
