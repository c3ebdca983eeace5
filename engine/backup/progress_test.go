package backup

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"coffre/internal/testtree"
)

// A large file's bytes are counted as it is read: the progress moves within it (a backup of one
// 50 GB file is not stuck at 0 until its end). The count of entries reported as it runs reaches
// the total announced, and both agree with the backup's own count.
func TestProgressMovesWithinAFileAndCountsAgree(t *testing.T) {
	e := newEnv(t)
	const size = 40 << 20
	big := filepath.Join(e.root("a.example"), "httpdocs", "disk.img")
	must(t, os.MkdirAll(filepath.Dir(big), 0o755))
	must(t, os.WriteFile(big, make([]byte, size), 0o644))
	testtree.Build(t, e.root("b.example"), []testtree.Item{{Path: "httpdocs/index.html", Data: "b"}, {Path: "logs/"}})
	var seen []Progress
	tick := e.now
	res, err := Run(context.Background(), Options{Account: e.acct, Spec: e.spec(false), Storage: e.st, HostKey: e.key,
		Clock:    func() time.Time { tick = tick.Add(time.Second); return tick }, // every report is due
		Progress: func(p Progress) { seen = append(seen, p) }})
	if err != nil {
		t.Fatal(err)
	}
	within := 0
	for _, p := range seen {
		if p.Phase == "archive" && p.Current == "files/a.example/httpdocs/disk.img" && p.Bytes > 0 && p.Bytes < size {
			within++
		}
	}
	if within < 4 {
		t.Errorf("%d reports while the %d MiB file was read, want several", within, size>>20)
	}
	last := seen[len(seen)-1]
	if last.Phase != "done" || last.Files != res.Entry.Files || last.TotalFiles != res.Entry.Files ||
		last.Bytes != last.TotalBytes || last.Bytes < size {
		t.Errorf("last report %+v; the backup stored %d entries", last, res.Entry.Files)
	}
	for _, p := range seen {
		if p.TotalFiles > 0 && (p.Files > p.TotalFiles || p.Bytes > p.TotalBytes) {
			t.Errorf("report %+v goes past its totals", p)
		}
	}
}
