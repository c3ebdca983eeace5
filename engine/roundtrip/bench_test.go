package roundtrip

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/engine/manifest"
	"coffre/engine/spec"
	"coffre/internal/corpus"
)

// BenchmarkRestore restores a full backup of a generated hosting corpus (COFFRE_BENCH_SCALE,
// default 0.05: about 75 MB, 7k files) into a fresh folder (under COFFRE_BENCH_DIR if set), against `zstd -d | tar -x` of the
// very same volumes, and reports both times and their ratio (target: at most 1.0).
func BenchmarkRestore(b *testing.B) {
	for _, tool := range []string{"zstd", "tar", "sh"} {
		if _, err := exec.LookPath(tool); err != nil {
			b.Skip("no", tool)
		}
	}
	scale := 0.05
	if s, err := strconv.ParseFloat(os.Getenv("COFFRE_BENCH_SCALE"), 64); err == nil {
		scale = s
	}
	e := newEnv(b, nil)
	src := filepath.Join(b.TempDir(), "corpus")
	must(b, corpus.Generate(src, scale, 1))
	for _, d := range corpus.Sites {
		e.acct.Subscriptions = append(e.acct.Subscriptions, account.Subscription{
			Domain: d, Client: client, Root: filepath.Join(src, d), Logs: []string{"logs"}})
	}
	full := e.backup(e.spec(false)).Entry
	var vols []string
	for _, v := range full.Volumes {
		vols = append(vols, filepath.Join(e.stDir, v.Name))
	}
	work := b.TempDir()
	if dir := os.Getenv("COFFRE_BENCH_DIR"); dir != "" {
		var err error
		work, err = os.MkdirTemp(dir, "coffre-bench-")
		must(b, err)
		b.Cleanup(func() { os.RemoveAll(work) })
	}
	var ours, peer time.Duration
	n := 0
	for b.Loop() {
		n++
		to := filepath.Join(work, "coffre")
		ours += timed(b, func() { e.mustRestore(spec.Restore{Backup: full.Name, To: to}) })
		must(b, os.RemoveAll(to))
		to = filepath.Join(work, "tar")
		must(b, os.Mkdir(to, 0o755))
		cmd := "cat " + strings.Join(vols, " ") + " | zstd -d -q | tar -x -C " + to
		peer += timed(b, func() { run(b, "sh", "-c", cmd) })
		must(b, os.RemoveAll(to))
	}
	b.ReportMetric(ours.Seconds()/float64(n), "coffre-s/op")
	b.ReportMetric(peer.Seconds()/float64(n), "tar-s/op")
	b.ReportMetric(ours.Seconds()/peer.Seconds(), "ratio")
	b.Logf("%d files, %s: coffre %v, zstd -d | tar -x %v per restore", full.Files,
		manifest.ArchiveSuffix, ours/time.Duration(n), peer/time.Duration(n))
}

// timed syncs (so that no step pays for another's writeback), then times f.
func timed(b *testing.B, f func()) time.Duration {
	run(b, "sync")
	start := time.Now()
	f()
	return time.Since(start)
}

func run(b *testing.B, name string, args ...string) {
	if out, err := exec.Command(name, args...).CombinedOutput(); err != nil {
		b.Fatalf("%s: %v\n%s", name, err, out)
	}
}
