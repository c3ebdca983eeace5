package main

import (
	"bytes"
	"io"
	"os"
	"strings"
	"testing"
)

// TestMain lets the test binary act as the Coffre child, as the bench binary does.
func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		os.Exit(child(os.Args[1:]))
	}
	os.Exit(m.Run())
}

// The whole sequence runs on a tiny corpus: every peer and every Coffre step is measured and
// printed, and the cached corpus is left as generated.
func TestHarnessSmoke(t *testing.T) {
	if err := checkTools(); err != nil {
		t.Fatal("peer tools missing (.ci/run installs them):", err)
	}
	var out bytes.Buffer
	cfg := config{dir: t.TempDir(), scale: 0.0005, seed: 1, runs: 1}
	res, err := run(t.Context(), cfg, &out, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{"full/peer", "level0/peer", "nochange/peer", "change/peer", "restore/peer",
		"full/coffre", "nochange/coffre", "change/coffre", "restore/coffre", "ftp/coffre", "ftp/curl", "sparse/peer", "sparse/coffre"} {
		if m := res[key]; m.Err != nil || m.Wall <= 0 || m.Output <= 0 || m.RSS <= 0 {
			t.Errorf("%s = %+v, %v; want a measure", key, m, m.Err)
		}
	}
	full, change := res["full/coffre"].Output, res["change/coffre"].Output
	if peer := res["full/peer"].Output; full > 2*peer || 2*full < peer {
		t.Errorf("Coffre's full backup is %d bytes, tar | zstd's %d", full, peer)
	}
	if sparse := res["sparse/coffre"].Output; sparse > 1<<20 {
		t.Errorf("the backup of an 8 GiB file holding 4 KiB of data is %d bytes: its holes were stored", sparse)
	}
	if change >= full {
		t.Errorf("1%%-changed incremental stored %d bytes, the full %d", change, full)
	}
	if peer, ours := res["restore/peer"], res["restore/coffre"]; peer.Output != ours.Output || peer.Note != ours.Note {
		t.Errorf("restores differ: tar wrote %d bytes (%s), Coffre %d (%s)", peer.Output, peer.Note, ours.Output, ours.Note)
	}
	for _, want := range []string{"full backup", "incremental, no change", "incremental, 1% changed", "full restore", "Targets", "FTP backup / server-storage backup"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, out.String())
		}
	}
}
