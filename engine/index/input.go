package index

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash"
	"io"
)

const inputBuf = 256 << 10 // > maxPath + maxLink: any one field fits

// input is a buffered reader that hashes the bytes it has handed out.
type input struct {
	src  io.Reader
	buf  []byte
	r, w int
	h    hash.Hash
	err  error
}

func (in *input) init(src io.Reader) {
	in.src, in.buf, in.h = src, make([]byte, inputBuf), sha256.New()
}

// need makes at least n unread bytes available, or returns an error.
func (in *input) need(n int) error {
	if in.w-in.r >= n {
		return nil
	}
	in.compact()
	for zero := 0; in.w < n; {
		if zero > 100 {
			in.err = io.ErrNoProgress
		}
		if in.err != nil {
			if in.err == io.EOF && in.w > 0 {
				return io.ErrUnexpectedEOF
			}
			return in.err
		}
		var k int
		k, err := in.src.Read(in.buf[in.w:])
		in.w, in.err = in.w+k, err
		if k == 0 {
			zero++
		}
	}
	return nil
}

func (in *input) byte() (byte, error) {
	if in.r < in.w { // the common case, inlined
		in.r++
		return in.buf[in.r-1], nil
	}
	if err := in.need(1); err != nil {
		return 0, err
	}
	in.r++
	return in.buf[in.r-1], nil
}

// bytes returns the next n bytes (n ≤ inputBuf), valid until the next call.
func (in *input) bytes(n int) ([]byte, error) {
	if n > len(in.buf) {
		return nil, errors.New("field too long")
	}
	if err := in.need(n); err != nil {
		return nil, err
	}
	in.r += n
	return in.buf[in.r-n : in.r], nil
}

func (in *input) uvarint() (uint64, error) {
	if in.w-in.r >= binary.MaxVarintLen64 { // the whole varint is buffered
		x, n := binary.Uvarint(in.buf[in.r:in.w])
		if n <= 0 {
			return 0, errors.New("varint overflows")
		}
		in.r += n
		return x, nil
	}
	var x uint64
	for i := 0; i < binary.MaxVarintLen64; i++ {
		b, err := in.byte()
		if err != nil {
			return 0, err
		}
		if i == binary.MaxVarintLen64-1 && b > 1 {
			return 0, errors.New("varint overflows")
		}
		x |= uint64(b&0x7f) << (7 * i)
		if b < 0x80 {
			return x, nil
		}
	}
	return 0, errors.New("varint overflows")
}

func (in *input) varint() (int64, error) {
	u, err := in.uvarint()
	x := int64(u >> 1)
	if u&1 != 0 {
		x = ^x
	}
	return x, err
}

// view reads a length-prefixed byte string of at most max bytes, valid until the next call.
func (in *input) view(max int) ([]byte, error) {
	n, err := in.uvarint()
	if err != nil {
		return nil, err
	}
	if n > uint64(max) {
		return nil, errors.New("length over the limit")
	}
	return in.bytes(int(n))
}

func (in *input) str(max int) (string, error) {
	b, err := in.view(max)
	return string(b), err
}

// sum is the SHA-256 of every byte handed out so far.
func (in *input) sum() []byte {
	in.compact()
	return in.h.Sum(nil)
}

// compact hashes the bytes handed out and moves the unread ones to the front of buf.
func (in *input) compact() {
	in.h.Write(in.buf[:in.r])
	copy(in.buf, in.buf[in.r:in.w])
	in.w -= in.r
	in.r = 0
}
