package roundtrip

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"coffre/engine/account"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/internal/corpus"
)

// BenchmarkSingleFileRestore backs up a generated hosting corpus (COFFRE_BENCH_SCALE, default
// 0.05), then restores one file of it (the one in the middle of the largest site's walk) and
// the whole backup, and reports the bytes the single-file restore read against the backup's
// size, and both times.
func BenchmarkSingleFileRestore(b *testing.B) {
	scale := 0.05
	if s, err := strconv.ParseFloat(os.Getenv("COFFRE_BENCH_SCALE"), 64); err == nil {
		scale = s
	}
	dir := filepath.Join(b.TempDir(), "storage")
	local, err := storage.NewLocal(dir)
	must(b, err)
	cs := &countingStore{Local: local}
	e := newEnv(b, cs)
	e.stDir = dir
	src := filepath.Join(b.TempDir(), "corpus")
	must(b, corpus.Generate(src, scale, 1))
	for _, d := range corpus.Sites {
		e.acct.Subscriptions = append(e.acct.Subscriptions, account.Subscription{
			Domain: d, Client: client, Root: filepath.Join(src, d), Logs: []string{"logs"}})
	}
	full := e.backup(e.spec(false)).Entry
	domain := corpus.Sites[0]
	rel := middleFile(b, filepath.Join(src, domain))
	for b.Loop() {
		cs.read.Store(0)
		to := filepath.Join(b.TempDir(), "one")
		one := timed(b, func() {
			e.mustRestore(spec.Restore{Backup: full.Name, Subscriptions: []string{domain}, Paths: []string{rel}, To: to})
		})
		read := cs.read.Load()
		to = filepath.Join(b.TempDir(), "all")
		all := timed(b, func() { e.mustRestore(spec.Restore{Backup: full.Name, To: to}) })
		b.ReportMetric(float64(read), "bytes-read")
		b.ReportMetric(float64(full.Size), "backup-bytes")
		b.ReportMetric(one.Seconds(), "one-file-s")
		b.ReportMetric(all.Seconds(), "full-restore-s")
		b.Logf("%d files, backup %d bytes; one file (%s) read %d bytes (%.2f%%) in %v; full restore %v",
			full.Files, full.Size, rel, read, 100*float64(read)/float64(full.Size), one, all)
		os.RemoveAll(to)
	}
}

// middleFile is the regular file in the middle of root's walk, relative to root.
func middleFile(b *testing.B, root string) string {
	var files []string
	must(b, filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(root, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	}))
	return files[len(files)/2]
}
