package tasks

import (
	"encoding/binary"
	"strconv"
	"testing"
)

// FuzzKeyOf: task IDs come from URLs. Only canonical decimal IDs map to a key, and the key
// reads back as the same number.
func FuzzKeyOf(f *testing.F) {
	for _, s := range []string{"1", "42", "0", "007", "-1", "+1", "1e3", " 1", "18446744073709551615", "18446744073709551616", "", "abc"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, id string) {
		key, ok := keyOf(id)
		if !ok {
			return
		}
		n := binary.BigEndian.Uint64([]byte(key))
		if len(key) != 8 || n == 0 || strconv.FormatUint(n, 10) != id {
			t.Fatalf("keyOf(%q) = %x", id, key)
		}
	})
}
