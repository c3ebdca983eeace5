package verify

import (
	"errors"
	"strings"
	"testing"

	"coffre/engine/storage"
)

// A backup whose manifest is missing is reported by that object's name. (The round trips in
// engine/roundtrip verify real and hand-made backups.)
func TestMissingManifest(t *testing.T) {
	rep, err := Run(t.Context(), storage.NewMem(), "acme_2026-11-25T093000Z_full", nil)
	if !errors.Is(err, ErrFailed) || rep.OK() || rep.Problems[0].Object != "acme_2026-11-25T093000Z_full.manifest.json" {
		t.Fatalf("err = %v, problems %+v", err, rep.Problems)
	}
}

func TestReportError(t *testing.T) {
	r := Report{Backup: "b"}
	if r.err() != nil || !r.OK() {
		t.Fatal("an empty report fails")
	}
	for i := range maxProblems + 5 {
		r.add("b.tar.zst", strings.Repeat("p", i%3), errors.New("bad"))
	}
	err := r.err()
	if !errors.Is(err, ErrFailed) || len(r.Problems) != maxProblems || r.More != 5 {
		t.Fatalf("err = %v, %d problems, %d more", err, len(r.Problems), r.More)
	}
	for _, want := range []string{"verify b:", `b.tar.zst: bad; b.tar.zst "p": bad; b.tar.zst "pp": bad; and 102 more`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
}
