package scan

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"coffre/engine/index"
)

// However small the read-ahead budget (here less than one batch's heads), every file comes
// back, in the walk's order, with its bytes.
func TestReaderWithinAheadBytes(t *testing.T) {
	root := t.TempDir()
	files := map[string]string{}
	for d := 0; d < 5; d++ {
		for f := 0; f < 70; f++ {
			files[fmt.Sprintf("d%d/f%02d", d, f)] = fmt.Sprintf("%d-%d-%s", d, f, bytes.Repeat([]byte{'x'}, f*100))
		}
	}
	write(t, root, files)
	es, _ := walk(t, root, Options{})
	var which []int
	for i, e := range es {
		if e.Type == index.File {
			which = append(which, i)
		}
	}
	for _, budget := range []int{1, 8 << 10, 1 << 20} {
		r, err := NewReader(context.Background(), root, &es[0], listSource(es, which),
			ReadOptions{Workers: 3, Ahead: 64, AheadBytes: budget})
		must(t, err)
		var got []string
		for it, ok := r.Next(); ok; it, ok = r.Next() {
			var b bytes.Buffer
			if _, err := it.WriteTo(&b); err != nil || it.Err != nil || b.String() != files[it.Entry.Rel] {
				t.Errorf("budget %d: %s read as %q (%v, %v)", budget, it.Entry.Rel, b.String(), err, it.Err)
			}
			it.Close()
			got = append(got, it.Entry.Rel)
		}
		r.Close()
		if len(got) != len(which) {
			t.Fatalf("budget %d: %d files read, want %d", budget, len(got), len(which))
		}
		for i, k := range which {
			if got[i] != es[k].Rel {
				t.Fatalf("budget %d: file %d is %s, want %s", budget, i, got[i], es[k].Rel)
			}
		}
	}
}
