package backup

import (
	"archive/tar"
	"bytes"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// entries records what a partWriter writes.
type entries struct {
	names []string
	data  map[string][]byte
	cur   string
	fail  int // fail the n-th header (1-based); 0 never
}

func (e *entries) WriteHeader(h *tar.Header) error {
	if e.fail > 0 && len(e.names)+1 == e.fail {
		return errors.New("storage full")
	}
	e.names = append(e.names, h.Name)
	e.cur = h.Name
	return nil
}

func (e *entries) Write(p []byte) (int, error) {
	e.data[e.cur] = append(e.data[e.cur], p...)
	return len(p), nil
}

func TestPartWriter(t *testing.T) {
	dump := bytes.Repeat([]byte("0123456789"), 105) // 1050 bytes
	for _, tc := range []struct {
		part, parts int
		names       []string
	}{
		{2000, 0, []string{"d.sql"}},
		{1050, 1, []string{"d.sql.001"}},
		{400, 3, []string{"d.sql.001", "d.sql.002", "d.sql.003"}},
	} {
		e := &entries{data: map[string][]byte{}}
		w := newPartWriter(e, "d.sql", time.Unix(0, 0), tc.part)
		for i := 0; i < len(dump); i += 7 { // in odd-sized writes, as a pipe gives them
			w.Write(dump[i:min(i+7, len(dump))])
		}
		if err := w.finish(true); err != nil {
			t.Fatal(err)
		}
		var got []byte
		for _, n := range e.names {
			got = append(got, e.data[n]...)
		}
		if !slices.Equal(e.names, tc.names) || !bytes.Equal(got, dump) || w.parts != tc.parts {
			t.Errorf("part %d: entries %q (%d parts), content equal %v", tc.part, e.names, w.parts, bytes.Equal(got, dump))
		}
	}
}

// A dump that fails after some parts: the parts written stay declared; nothing else is
// written. A failing archive stops the dump with its error.
func TestPartWriterFailures(t *testing.T) {
	e := &entries{data: map[string][]byte{}}
	w := newPartWriter(e, "d.sql", time.Unix(0, 0), 100)
	w.Write(bytes.Repeat([]byte("x"), 250))
	if err := w.finish(false); err != nil || w.parts != 2 || strings.Join(e.names, " ") != "d.sql.001 d.sql.002" {
		t.Fatalf("after a failed dump: %v, %d parts, %q", err, w.parts, e.names)
	}
	e = &entries{data: map[string][]byte{}, fail: 2}
	w = newPartWriter(e, "d.sql", time.Unix(0, 0), 100)
	var err error
	for i := 0; i < 100 && err == nil; i++ {
		_, err = w.Write(bytes.Repeat([]byte("y"), 100))
	}
	if ferr := w.finish(true); err == nil || ferr == nil || !strings.Contains(fmt.Sprint(ferr), "storage full") {
		t.Fatalf("a failing archive: write %v, finish %v", err, ferr)
	}
}
