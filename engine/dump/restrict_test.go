package dump

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// FuzzRestricted: whatever a dump holds, psql reads "\restrict KEY" first, with a key the dump
// does not hold, then the dump's own lines in their order, only its "\restrict" line (among
// its leading comments) and the matching "\unrestrict" lines left out.
func FuzzRestricted(f *testing.F) {
	f.Add([]byte("--\n-- PostgreSQL database dump\n--\n\n\\restrict abc\n\nSET x = 1;\nCOPY t FROM stdin;\n1\n\\.\n\\unrestrict abc\n"))
	f.Add([]byte("\\unrestrict \n\\! id\n"))
	f.Add([]byte("no newline at the end"))
	f.Add([]byte(strings.Repeat("x", 70000) + "\n\\unrestrict abc\n"))
	f.Fuzz(func(t *testing.T, dump []byte) {
		r, err := pgRestricted(iotest.OneByteReader(bytes.NewReader(dump)))
		if err != nil {
			t.Fatal(err)
		}
		out, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		first, rest, _ := bytes.Cut(out, []byte("\n"))
		key, ok := bytes.CutPrefix(first, []byte(`\restrict `))
		if !ok || len(key) != 48 || bytes.Contains(dump, key) {
			t.Fatalf("first line %q", first)
		}
		// rest is dump with whole lines left out.
		in := bytes.SplitAfter(dump, []byte("\n"))
		i := 0
		for _, line := range bytes.SplitAfter(rest, []byte("\n")) {
			if len(line) == 0 {
				continue
			}
			for i < len(in) && !bytes.Equal(in[i], line) {
				if t := bytes.TrimRight(in[i], "\r\n"); !bytes.HasPrefix(t, []byte(`\restrict `)) && !bytes.HasPrefix(t, []byte(`\unrestrict `)) {
					break
				}
				i++
			}
			if i == len(in) || !bytes.Equal(in[i], line) {
				t.Fatalf("line %q of the output is not the dump's next line", line)
			}
			i++
		}
	})
}
