package extract

import "testing"

// TestRecentForgetsTheOldest: the set keeps the last recentFiles files, never more.
func TestRecentForgetsTheOldest(t *testing.T) {
	r := newRecent()
	for h := uint64(0); h < recentFiles+10; h++ {
		r.add(h)
	}
	if len(r.set) != recentFiles || r.has(0) || r.has(9) || !r.has(10) || !r.has(recentFiles+9) {
		t.Fatalf("%d kept; has 0 %v, 9 %v, 10 %v, last %v", len(r.set), r.has(0), r.has(9), r.has(10), r.has(recentFiles+9))
	}
	r.remove(10)
	if r.has(10) {
		t.Error("10 still there after remove")
	}
}
