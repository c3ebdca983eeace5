package main

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

// The whole sequence runs in quick mode on tiny trees, through the built binary: every peer and
// every Coffre step is measured and printed, and the restores match.
func TestHarnessQuick(t *testing.T) {
	cfg := config{dir: t.TempDir(), coffre: "../bin/coffre", seed: 1, trees: "corpus,small"}.quick()
	if err := checkTools(cfg.coffre); err != nil {
		t.Fatal("tools missing (make build; .ci/run installs the peers):", err)
	}
	cfg.runs = 2 // medians of more than one run
	var out bytes.Buffer
	res, err := run(t.Context(), cfg, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	b := &bench{results: res}
	for _, key := range []string{"corpus/full/peer", "corpus/level0/peer", "corpus/nochange/peer", "corpus/change/peer",
		"corpus/restore/peer", "corpus/full/coffre", "corpus/nochange/coffre", "corpus/change/coffre",
		"corpus/restore/coffre", "corpus/ftp/coffre", "corpus/ftp/peer", "corpus/sparse/peer", "corpus/sparse/coffre",
		"corpus/list/coffre", "corpus/protect/peer", "corpus/protect/coffre", "small/full/peer", "small/full/coffre", "small/nochange/coffre", "small/restore/coffre"} {
		m, _ := b.median(key)
		if m.Err != nil || m.Wall <= 0 || m.RSS <= 0 || m.Runs != 2 || m.Output <= 0 && key != "corpus/list/coffre" {
			t.Errorf("%s = %+v, %v; want a measure of 2 runs", key, m, m.Err)
		}
	}
	for _, tree := range []string{"corpus", "small"} {
		full, _ := b.median(tree + "/full/coffre")
		peer, _ := b.median(tree + "/full/peer")
		if full.Output > 2*peer.Output || 2*full.Output < peer.Output {
			t.Errorf("%s: Coffre's full backup is %d bytes, tar | zstd's %d", tree, full.Output, peer.Output)
		}
		rp, _ := b.median(tree + "/restore/peer")
		rc, _ := b.median(tree + "/restore/coffre")
		if rp.Output != rc.Output || rp.Note != rc.Note {
			t.Errorf("%s: restores differ: tar wrote %d bytes (%s), Coffre %d (%s)", tree, rp.Output, rp.Note, rc.Output, rc.Note)
		}
	}
	full, _ := b.median("corpus/full/coffre")
	change, _ := b.median("corpus/change/coffre")
	if change.Output >= full.Output {
		t.Errorf("1%%-changed incremental stored %d bytes, the full %d", change.Output, full.Output)
	}
	if sparse, _ := b.median("corpus/sparse/coffre"); sparse.Output > 1<<20 {
		t.Errorf("the backup of an 8 GiB file holding 4 KiB of data is %d bytes: its holes were stored", sparse.Output)
	}
	for _, want := range []string{"full backup", "incremental, no change", "incremental, 1% changed", "full restore",
		"Targets:", "FTP backup time / server-storage backup", "encrypted full backup", "CLI start", "2000 small files", "Coffre peak RSS"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
	t.Log(out.String())
}
