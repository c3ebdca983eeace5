package archive

import (
	"encoding/binary"
	"math"
	"runtime"

	"github.com/klauspost/compress/zstd"
)

const (
	segment    = 128 << 10 // entropy is judged per segment; also zstd's largest raw block
	rawEntropy = 7.9       // bits per byte above which a segment is stored raw
)

// compress appends to out the zstd frames of in: runs of segments that compress go through enc,
// runs that look random (already compressed media and archives) are stored as raw frames,
// which costs no CPU. Concatenated frames decode as one stream.
func compress(enc *zstd.Encoder, in, out []byte) []byte {
	start, raw := 0, false
	for off := 0; off < len(in); off += segment {
		r := incompressible(in[off:min(off+segment, len(in))])
		if off > start && r != raw {
			out = frame(enc, in[start:off], raw, out)
			start = off
		}
		raw = r
	}
	if start < len(in) || len(in) == 0 {
		out = frame(enc, in[start:], raw, out)
	}
	return out
}

func frame(enc *zstd.Encoder, in []byte, raw bool, out []byte) []byte {
	if raw {
		return appendRawFrame(out, in)
	}
	// The encoder works synchronously (concurrency 1); feeding it a slice at a time and yielding
	// in between lets the readers and the tar writer run between slices: an encoder that held
	// its core for a whole chunk would starve them, and then itself.
	ab := appendBuffer{b: out}
	enc.Reset(&ab)
	for len(in) > 0 {
		n := min(len(in), yieldEvery)
		enc.Write(in[:n]) // appendBuffer never fails
		in = in[n:]
		runtime.Gosched()
	}
	enc.Close()
	return ab.b
}

const yieldEvery = 256 << 10

type appendBuffer struct{ b []byte }

func (a *appendBuffer) Write(p []byte) (int, error) {
	a.b = append(a.b, p...)
	return len(p), nil
}

// incompressible estimates the order-0 entropy of b from a sample of one byte in sixteen
// (8,192 of a segment: random data still reads above 7.97 bits; a denser sample cost a few
// percent of a backup's CPU for the same choices).
func incompressible(b []byte) bool {
	if len(b) < 4096 {
		return false
	}
	var hist [256]uint32
	n := 0
	for i := 0; i < len(b); i += 16 {
		hist[b[i]]++
		n++
	}
	var e float64
	for _, c := range hist {
		if c != 0 {
			p := float64(c) / float64(n)
			e -= p * math.Log2(p)
		}
	}
	return e > rawEntropy
}

// appendRawFrame appends a zstd frame that stores b uncompressed (RFC 8878: single segment,
// 4-byte content size, raw blocks of at most 128 KiB, no checksum).
func appendRawFrame(out, b []byte) []byte {
	out = binary.LittleEndian.AppendUint32(out, 0xFD2FB528)
	out = append(out, 0xA0) // FCS field 4 bytes, single segment
	out = binary.LittleEndian.AppendUint32(out, uint32(len(b)))
	for {
		n := min(len(b), segment)
		hdr := uint32(n) << 3 // block type 0: raw
		if n == len(b) {
			hdr |= 1 // last block
		}
		out = append(out, byte(hdr), byte(hdr>>8), byte(hdr>>16))
		out = append(out, b[:n]...)
		b = b[n:]
		if len(b) == 0 {
			return out
		}
	}
}
