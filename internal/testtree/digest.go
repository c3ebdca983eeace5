package testtree

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

const block = 64 << 10

var zeroBlock = make([]byte, block)

// Digest is the content digest Snapshot records, computed from a stream (an archive entry's
// content, say): SHA-256 over the offset and bytes of every 64 KiB block that is not all zero.
// Holes and written zeros give the same digest.
func Digest(r io.Reader) (string, error) {
	h := sha256.New()
	buf := make([]byte, block)
	for off := int64(0); ; off += block {
		n, err := io.ReadFull(r, buf)
		addBlock(h, buf[:n], off)
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return hex.EncodeToString(h.Sum(nil)), nil
		}
		if err != nil {
			return "", err
		}
	}
}

// sumFile is Digest of a file, reading only its data regions (SEEK_DATA): a sparse file of
// gigabytes costs little.
func sumFile(p string) (string, error) {
	f, err := os.Open(p)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	buf := make([]byte, block)
	var next int64 // the first block not yet digested
	for off := int64(0); ; {
		data, err := unix.Seek(int(f.Fd()), off, unix.SEEK_DATA)
		if errors.Is(err, unix.ENXIO) {
			return hex.EncodeToString(h.Sum(nil)), nil
		}
		if err != nil {
			return "", err
		}
		hole, err := unix.Seek(int(f.Fd()), data, unix.SEEK_HOLE)
		if err != nil {
			return "", err
		}
		for b := max(next, data&^(block-1)); b < hole; b += block {
			n, err := f.ReadAt(buf, b)
			if err != nil && err != io.EOF {
				return "", err
			}
			addBlock(h, buf[:n], b)
			next = b + block
		}
		off = hole
	}
}

func addBlock(h hash.Hash, b []byte, off int64) {
	if bytes.Equal(b, zeroBlock[:len(b)]) {
		return
	}
	var o [8]byte
	binary.BigEndian.PutUint64(o[:], uint64(off))
	h.Write(o[:])
	h.Write(b)
}
