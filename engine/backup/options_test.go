package backup

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"coffre/internal/testtree"
	"golang.org/x/sys/unix"
)

func TestExclusionsAndLogsAreLeftOut(t *testing.T) {
	e := newEnv(t)
	testtree.Build(t, e.root("a.example"), []testtree.Item{
		{Path: "httpdocs/index.php", Data: "kept"},
		{Path: "httpdocs/cache/page.html", Data: "excluded by /httpdocs/cache"},
		{Path: "httpdocs/app/tmp/x", Data: "excluded by **/tmp"},
		{Path: "httpdocs/error.log", Data: "a log by its name"},
		{Path: "httpdocs/access_log.1.gz", Data: "a rotated log"},
		{Path: "httpdocs/catalog.php", Data: "kept: not a log"},
	})
	testtree.Build(t, e.root("b.example"), []testtree.Item{
		{Path: "logs/access_log", Data: "in the subscription's log directory"},
		{Path: "logs/keep-me-not", Data: "also in it"},
		{Path: "httpdocs/index.html", Data: "kept"},
	})
	sp := e.spec(false)
	sp.ExcludeLogs, sp.Exclude = true, "/httpdocs/cache, **/tmp"
	res := e.run(sp)
	var paths []string
	for _, ie := range e.index(res.Entry.Name) {
		paths = append(paths, ie.Path)
	}
	want := []string{"files/a.example", "files/a.example/httpdocs", "files/a.example/httpdocs/app",
		"files/a.example/httpdocs/catalog.php", "files/a.example/httpdocs/index.php",
		"files/b.example", "files/b.example/httpdocs", "files/b.example/httpdocs/index.html"}
	if !slices.Equal(paths, want) {
		t.Errorf("index lists\n%q\nwant\n%q", paths, want)
	}
	if got := stored(must2(e.readBack(res.Entry.Name))); len(got) != len(want) {
		t.Errorf("archive stores %q", got)
	}
}

func must2[A, B any](a A, _ B) A { return a }

func TestSkippedFilesAreWarnings(t *testing.T) {
	e := newEnv(t)
	testtree.Build(t, e.root("a.example"), []testtree.Item{{Path: "ok.txt", Data: "ok"}})
	must(t, unix.Mkfifo(filepath.Join(e.root("a.example"), "fifo"), 0o644))
	res := e.run(e.spec(false))
	want := []Warning{{Path: "files/a.example/fifo", Code: "special_file"}}
	for i := range e.warns {
		e.warns[i].Err = ""
	}
	if !slices.Equal(e.warns, want) || res.Warnings != 1 || !slices.Equal(res.Skipped, []string{"files/a.example/fifo"}) {
		t.Errorf("warnings %v, result %d %v", e.warns, res.Warnings, res.Skipped)
	}
	if m := e.manifest(res.Entry.Name); m.Warnings != 1 {
		t.Errorf("manifest counts %d warnings", m.Warnings)
	}
}

func TestProgressIsThrottledAndComplete(t *testing.T) {
	e := newEnv(t)
	var nodes []testtree.Item
	for i := 0; i < 300; i++ {
		nodes = append(nodes, testtree.Item{Path: "httpdocs/f" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + "/" + time.Duration(i).String(), Data: "content"})
	}
	testtree.Build(t, e.root("a.example"), nodes)
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var reports []Progress
	var at []time.Time
	res, err := Run(context.Background(), Options{Account: e.acct, Spec: e.spec(false), Storage: e.st, HostKey: e.key,
		Clock:    func() time.Time { clock = clock.Add(20 * time.Millisecond); return clock },
		Progress: func(p Progress) { reports = append(reports, p); at = append(at, clock) }})
	must(t, err)
	last := reports[len(reports)-1]
	// Every entry stored counts (files, folders): the 300 files and their folders, as the backup's Files.
	if last.Phase != "done" || last.Files != last.TotalFiles || last.Bytes != last.TotalBytes || last.TotalFiles != res.Entry.Files || last.TotalFiles < 300 {
		t.Errorf("last report %+v, want done with every entry of the total (%d)", last, res.Entry.Files)
	}
	var phases []string
	for i, p := range reports {
		if len(phases) == 0 || phases[len(phases)-1] != p.Phase {
			phases = append(phases, p.Phase)
			continue
		}
		if gap := at[i].Sub(at[i-1]); gap < 200*time.Millisecond {
			t.Fatalf("two %s reports %v apart", p.Phase, gap)
		}
		if p.Phase == "archive" && p.TotalFiles == 0 {
			t.Errorf("archive report without totals: %+v", p)
		}
	}
	if !slices.Equal(phases, []string{"scan", "archive", "index", "manifest", "done"}) {
		t.Errorf("phases %v", phases)
	}
}

func TestTwoGigabyteSparseFile(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 2 GiB")
	}
	e := newEnv(t)
	p := filepath.Join(e.root("a.example"), "disk.img")
	f, err := os.Create(p)
	must(t, err)
	const size = 2<<30 + 4096 + 7
	must(t, f.Truncate(size))
	_, err = f.WriteAt([]byte("THE END"), size-7)
	must(t, err)
	f.Close()
	res := e.run(e.spec(false))
	if res.Entry.Size > 1<<20 {
		t.Errorf("2 GiB of zeros stored in %d bytes", res.Entry.Size)
	}
	m := e.manifest(res.Entry.Name)
	r, err := archiveReader(e, m.Volumes)
	must(t, err)
	defer r.Close()
	for {
		h, err := r.Next()
		must(t, err)
		if h.Name != "files/a.example/disk.img" {
			continue
		}
		var tail tailWriter
		n, err := io.Copy(&tail, r)
		if err != nil || n != size || string(tail.last) != "THE END" {
			t.Errorf("read %d bytes (%v), tail %q", n, err, tail.last)
		}
		return
	}
}

type tailWriter struct{ last []byte }

func (w *tailWriter) Write(p []byte) (int, error) {
	w.last = append(w.last, p...)
	if len(w.last) > 7 {
		w.last = w.last[len(w.last)-7:]
	}
	return len(p), nil
}
