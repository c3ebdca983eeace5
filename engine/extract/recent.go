package extract

// recentFiles bounds the regular files a Writer remembers as targets for hard links (about 30
// bytes each): a restore writes a file's other names right after it, so the last ones written
// are enough, and memory does not grow with the number of files restored.
const recentFiles = 1 << 16

// recent is the set of the last regular files written, by hash of their path.
type recent struct {
	set  map[uint64]struct{}
	ring []uint64 // insertion order; the oldest is forgotten first
	next int
}

func newRecent() *recent { return &recent{set: map[uint64]struct{}{}} }

func (r *recent) add(h uint64) {
	if _, ok := r.set[h]; ok {
		return
	}
	if len(r.ring) < recentFiles {
		r.ring = append(r.ring, h)
	} else {
		delete(r.set, r.ring[r.next])
		r.ring[r.next] = h
		r.next = (r.next + 1) % recentFiles
	}
	r.set[h] = struct{}{}
}

func (r *recent) has(h uint64) bool { _, ok := r.set[h]; return ok }

// remove forgets h (its place in the ring is reused in turn).
func (r *recent) remove(h uint64) { delete(r.set, h) }
