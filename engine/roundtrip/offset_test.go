package roundtrip

import (
	"testing"

	"coffre/engine/spec"
	"coffre/internal/testtree"
)

// A file restored alone is read at the offset the index records: right after an entry whose
// size is not a multiple of 512 bytes (its padding written with the next header) too.
func TestOneFileAfterAnUnpaddedEntry(t *testing.T) {
	e := newEnv(t, nil, "acme.example")
	b := testtree.New(t, e.roots["acme.example"])
	b.File("httpdocs/a-odd.txt", "13 bytes long", 0o644, testtree.Recent)
	b.File("httpdocs/b-wanted.txt", "the only copy", 0o644, testtree.Recent)
	b.Done()
	name := e.backup(e.spec(false)).Entry.Name
	rm(t, b, "httpdocs/b-wanted.txt")
	e.mustRestore(spec.Restore{Backup: name, Paths: []string{"httpdocs/b-wanted.txt"}})
	if got := body(t, b, "httpdocs/b-wanted.txt"); got != "the only copy" {
		t.Errorf("restored as %q", got)
	}
}
