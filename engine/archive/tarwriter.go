package archive

import (
	"archive/tar"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// tarWriter writes a PAX tar stream: for each entry a ustar header, preceded by an extended
// header ('x') with the records that ustar cannot hold (long or non-ASCII names and link
// targets, nanosecond or out-of-range mtimes, sizes over 8 GiB, large ids, long owner names).
// It is archive/tar's format, without its allocations. Only the header fields the engine sets
// are written (Name, Linkname, Typeflag, Mode, Uid, Gid, Uname, Gname, Size, ModTime).
type tarWriter struct {
	w      io.Writer
	remain int64 // bytes of the current entry still to be written
	pad    int64 // zero bytes that end the current entry
	hdr    []byte
	rec    []byte
}

const (
	blockSize  = 512
	maxOctal11 = 1<<33 - 1 // the largest value of an 11-digit octal field
	maxOctal7  = 1<<21 - 1
)

var zeroBlocks [2 * blockSize]byte

var errWriteTooLong = errors.New("tar: write past the entry's size")

// WriteHeader ends the previous entry and writes h's header.
func (t *tarWriter) WriteHeader(h *tar.Header) error { return t.writeHeader(h, nil) }

// writeHeader writes h's header; pre are PAX records to put first in its extended header.
func (t *tarWriter) writeHeader(h *tar.Header, pre []byte) error {
	if err := t.end(); err != nil {
		return err
	}
	switch h.Typeflag {
	case tar.TypeReg, tar.TypeDir, tar.TypeSymlink, tar.TypeLink:
	default:
		return fmt.Errorf("tar header %q: type %q not supported", h.Name, h.Typeflag)
	}
	if h.Size < 0 || h.Typeflag != tar.TypeReg && h.Size != 0 || strings.ContainsRune(h.Name+h.Linkname, 0) {
		return fmt.Errorf("tar header %q: invalid size or name", h.Name)
	}
	t.rec = t.records(append(t.rec[:0], pre...), h)
	t.hdr = t.hdr[:0]
	if len(t.rec) > 0 {
		t.hdr = appendUstar(t.hdr, paxName(h.Name), 'x', int64(len(t.rec)), 0, 0, 0, 0, "", "", "")
		t.hdr = append(t.hdr, t.rec...)
		t.hdr = append(t.hdr, zeroBlocks[:padding(int64(len(t.rec)))]...)
	}
	sec := min(max(h.ModTime.Unix(), 0), maxOctal11)
	t.hdr = appendUstar(t.hdr, h.Name, h.Typeflag, min(h.Size, maxOctal11), h.Mode&0o7777, sec,
		min(h.Uid, maxOctal7), min(h.Gid, maxOctal7), h.Linkname, h.Uname, h.Gname)
	t.remain, t.pad = h.Size, padding(h.Size)
	_, err := t.w.Write(t.hdr)
	return err
}

// records appends the PAX records h needs, in a fixed order.
func (t *tarWriter) records(b []byte, h *tar.Header) []byte {
	if needsPAX(h.Name, 100) {
		b = appendRecord(b, "path", h.Name)
	}
	if needsPAX(h.Linkname, 100) {
		b = appendRecord(b, "linkpath", h.Linkname)
	}
	if sec := h.ModTime.Unix(); h.ModTime.Nanosecond() != 0 || sec < 0 || sec > maxOctal11 {
		b = appendRecord(b, "mtime", formatPAXTime(h.ModTime))
	}
	if h.Size > maxOctal11 {
		b = appendRecord(b, "size", strconv.FormatInt(h.Size, 10))
	}
	if h.Uid > maxOctal7 || h.Uid < 0 {
		b = appendRecord(b, "uid", strconv.Itoa(h.Uid))
	}
	if h.Gid > maxOctal7 || h.Gid < 0 {
		b = appendRecord(b, "gid", strconv.Itoa(h.Gid))
	}
	if needsPAX(h.Uname, 32) {
		b = appendRecord(b, "uname", h.Uname)
	}
	if needsPAX(h.Gname, 32) {
		b = appendRecord(b, "gname", h.Gname)
	}
	return b
}

// Write writes the current entry's content, at most its size.
func (t *tarWriter) Write(p []byte) (int, error) {
	if int64(len(p)) > t.remain {
		n, err := t.Write(p[:t.remain])
		if err == nil {
			err = errWriteTooLong
		}
		return n, err
	}
	n, err := t.w.Write(p)
	t.remain -= int64(n)
	return n, err
}

// end pads the current entry, which must be complete.
func (t *tarWriter) end() error {
	if t.remain > 0 {
		return fmt.Errorf("tar: entry %d bytes short", t.remain)
	}
	if t.pad > 0 {
		_, err := t.w.Write(zeroBlocks[:t.pad])
		t.pad = 0
		return err
	}
	return nil
}

// Close ends the archive with two zero blocks.
func (t *tarWriter) Close() error {
	if err := t.end(); err != nil {
		return err
	}
	_, err := t.w.Write(zeroBlocks[:])
	return err
}

func padding(n int64) int64 { return -n & (blockSize - 1) }

// needsPAX reports whether s does not fit a ustar field of n bytes as plain ASCII.
func needsPAX(s string, n int) bool {
	if len(s) > n {
		return true
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return true
		}
	}
	return false
}

// appendRecord appends "<len> key=value\n", len counting the whole record.
func appendRecord(b []byte, k, v string) []byte {
	base := len(k) + len(v) + 3
	size := base + len(strconv.Itoa(base))
	size = base + len(strconv.Itoa(size)) // one more digit when the length itself crossed a power of ten
	b = strconv.AppendInt(b, int64(size), 10)
	b = append(b, ' ')
	b = append(b, k...)
	b = append(b, '=')
	b = append(b, v...)
	return append(b, '\n')
}

// formatPAXTime writes ts as seconds with a fraction (a negative time as "-s.f").
func formatPAXTime(ts time.Time) string {
	secs, nsecs := ts.Unix(), ts.Nanosecond()
	if nsecs == 0 {
		return strconv.FormatInt(secs, 10)
	}
	sign := ""
	if secs < 0 {
		sign, secs, nsecs = "-", -(secs + 1), 1e9-nsecs
	}
	return strings.TrimRight(fmt.Sprintf("%s%d.%09d", sign, secs, nsecs), "0")
}

// paxName is the name of an extended header: its entry's directory, "PaxHeaders.0", its base.
func paxName(name string) string {
	name = strings.TrimSuffix(name, "/")
	dir, file := "", name
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		dir, file = name[:i+1], name[i+1:]
	}
	return dir + "PaxHeaders.0/" + file
}

// appendUstar appends one ustar header block.
func appendUstar(b []byte, name string, typ byte, size, mode, mtime int64, uid, gid int,
	link, uname, gname string) []byte {
	start := len(b)
	b = append(b, zeroBlocks[:blockSize]...)
	blk := b[start:]
	putString(blk[0:100], name)
	putOctal(blk[100:108], mode)
	putOctal(blk[108:116], int64(uid))
	putOctal(blk[116:124], int64(gid))
	putOctal(blk[124:136], size)
	putOctal(blk[136:148], mtime)
	blk[156] = typ
	putString(blk[157:257], link)
	copy(blk[257:265], "ustar\x0000")
	putString(blk[265:297], uname)
	putString(blk[297:329], gname)
	putOctal(blk[329:337], 0)
	putOctal(blk[337:345], 0)
	copy(blk[148:156], "        ")
	sum := 0
	for _, c := range blk[:blockSize] {
		sum += int(c)
	}
	putOctal(blk[148:155], int64(sum))
	blk[155] = ' '
	return b
}

// putString writes the ASCII bytes of s that fit (the rest is in a PAX record).
func putString(f []byte, s string) {
	j := 0
	for i := 0; i < len(s) && j < len(f); i++ {
		if s[i] < 0x80 {
			f[j] = s[i]
			j++
		}
	}
}

// putOctal writes v as zero-padded octal digits and a NUL.
func putOctal(f []byte, v int64) {
	n := len(f) - 1
	for i := n - 1; i >= 0; i-- {
		f[i] = byte('0' + v&7)
		v >>= 3
	}
	f[n] = 0
}
