package extract

import (
	"errors"
	"strings"
	"testing"
)

func TestClean(t *testing.T) {
	tests := []struct {
		in, want string
		err      error
	}{
		{"a/b", "a/b", nil},
		{"./a//b/./c/", "a/b/c", nil},
		{".", ".", nil},
		{"./", ".", nil},
		{"new\nline/bad\xff", "new\nline/bad\xff", nil},
		{"a\\..\\b", "a\\..\\b", nil},
		{"...", "...", nil},
		{"", "", ErrUnsafe},
		{"/etc/passwd", "", ErrUnsafe},
		{"../x", "", ErrUnsafe},
		{"a/../b", "", ErrUnsafe},
		{"a/..", "", ErrUnsafe},
		{"a\x00b", "", ErrUnsafe},
		{strings.Repeat("x", 256), "", ErrLimit},
		{strings.Repeat("a/", 3000), "", ErrLimit},
	}
	for _, tt := range tests {
		got, err := Clean(tt.in, 4096)
		if got != tt.want || !errors.Is(err, tt.err) || (tt.err == nil) != (err == nil) {
			t.Errorf("Clean(%q) = %q, %v; want %q, %v", tt.in, got, err, tt.want, tt.err)
		}
	}
}

// FuzzClean: a clean name never leaves the target, and cleaning it again changes nothing.
func FuzzClean(f *testing.F) {
	for _, s := range []string{"a/b", "../x", "/abs", "a/./b//c/", ".", "a\x00", "..."} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, name string) {
		c, err := Clean(name, 4096)
		if err != nil {
			return
		}
		if strings.HasPrefix(c, "/") || strings.Contains(c, "\x00") || c == ".." ||
			strings.HasPrefix(c, "../") || strings.Contains(c, "/../") || strings.HasSuffix(c, "/..") {
			t.Fatalf("Clean(%q) = %q leaves the target", name, c)
		}
		if again, err := Clean(c, 4096); err != nil || again != c {
			t.Fatalf("Clean(%q) = %q, then %q, %v", name, c, again, err)
		}
	})
}
