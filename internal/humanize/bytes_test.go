package humanize

import "testing"

func TestBytes(t *testing.T) {
	for _, c := range []struct {
		lang string
		n    int64
		want string
	}{
		{"en", 0, "0 bytes"}, {"en", 1023, "1023 bytes"}, {"fr", 1023, "1023 octets"},
		{"en", 1536, "1.5 KB"}, {"fr", 1536, "1,5 Ko"}, {"en", 150 << 20, "150 MB"},
		{"fr", 3 << 30, "3,0 Go"}, {"en", 5 << 40, "5.0 TB"}, {"en", 2048 << 40, "2048 TB"},
	} {
		if got := Bytes(c.lang, c.n); got != c.want {
			t.Errorf("Bytes(%s, %d) = %q, want %q", c.lang, c.n, got, c.want)
		}
	}
}
