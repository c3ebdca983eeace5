package rules

import "hash/maphash"

// fileSet is the set of files an IndexChecker has seen, which later hard links may name. It is
// exact up to exactAt files; past that, a Bloom filter of fixed size (8 MiB, 4 hashes) takes
// over, so that memory does not grow with the index: about 1 in 100 000 names not seen is then
// taken for one seen at 1 million files, 1 in 25 at 10 million. The check is a second line:
// a restore takes a hard link's content only from an archive entry that is a regular file.
type fileSet struct {
	seed  maphash.Seed
	exact map[uint64]struct{}
	bits  []uint64 // nil until the set outgrows exact
}

const (
	exactAt   = 1 << 16
	bloomBits = 1 << 26
)

func newFileSet() *fileSet {
	return &fileSet{seed: maphash.MakeSeed(), exact: map[uint64]struct{}{}}
}

func (s *fileSet) add(p string) {
	h := maphash.String(s.seed, p)
	if s.bits == nil {
		s.exact[h] = struct{}{}
		if len(s.exact) <= exactAt {
			return
		}
		s.bits = make([]uint64, bloomBits/64)
		for k := range s.exact {
			s.set(k)
		}
		s.exact = nil
		return
	}
	s.set(h)
}

func (s *fileSet) has(p string) bool {
	h := maphash.String(s.seed, p)
	if s.bits == nil {
		_, ok := s.exact[h]
		return ok
	}
	for i := uint64(0); i < 4; i++ {
		b := s.bit(h, i)
		if s.bits[b/64]&(1<<(b%64)) == 0 {
			return false
		}
	}
	return true
}

func (s *fileSet) set(h uint64) {
	for i := uint64(0); i < 4; i++ {
		b := s.bit(h, i)
		s.bits[b/64] |= 1 << (b % 64)
	}
}

// bit is the i-th position of hash h (double hashing of its two halves).
func (s *fileSet) bit(h, i uint64) uint64 {
	return ((h & 0xffffffff) + i*(h>>32|1)) % bloomBits
}
