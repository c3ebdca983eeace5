package testtree

import (
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"
)

// Diff lists how got differs from want, one sorted line per path; nil when they are equal.
func Diff(want, got Tree) []string {
	var out []string
	for p, w := range want {
		g, ok := got[p]
		switch {
		case !ok:
			out = append(out, fmt.Sprintf("%q missing", p))
		case !same(w, g):
			out = append(out, fmt.Sprintf("%q: got %+v, want %+v", p, g, w))
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			out = append(out, fmt.Sprintf("%q extra", p))
		}
	}
	sort.Strings(out)
	return out
}

func same(a, b Node) bool {
	mt := a.MTime.Equal(b.MTime)
	a.MTime, b.MTime = time.Time{}, time.Time{}
	return mt && a == b
}

// Equal fails the test, listing up to 20 differences, if got differs from want.
func Equal(t testing.TB, want, got Tree) {
	t.Helper()
	d := Diff(want, got)
	if len(d) == 0 {
		return
	}
	if len(d) > 20 {
		d = append(d[:20], fmt.Sprintf("... and %d more", len(d)-20))
	}
	t.Fatalf("tree differs from the expected one:\n  %s", strings.Join(d, "\n  "))
}
