package roundtrip

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"coffre/engine/account"
	"coffre/engine/backup"
	"coffre/engine/browse"
	"coffre/engine/manifest"
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

// BenchmarkOpenTreeOfAChain backs up a generated hosting corpus (COFFRE_BENCH_SCALE, default
// 0.05) three times (changing about 1% of it, then undoing that), and times what the Contents page
// waits for on its first visit to the last backup: its index read and its tree built, then the
// first level listed.
func BenchmarkOpenTreeOfAChain(b *testing.B) {
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
	e.backup(e.spec(false))
	_, err := corpus.Change(src, scale, 1)
	must(b, err)
	e.backup(e.spec(true))
	must(b, corpus.Revert(src, scale, 1)) // the third state: the changes undone
	e.backup(e.spec(true))
	list, err := backup.List(context.Background(), e.st, manifest.Keyring{})
	must(b, err)
	last, err := manifest.Load(context.Background(), e.st, list[0].Name)
	must(b, err)
	for b.Loop() {
		var items int
		took := timed(b, func() {
			l, err := browse.NewCache(256<<20).Listing(context.Background(), e.st, last)
			must(b, err)
			p, err := l.List(context.Background(), "", 0, 100)
			must(b, err)
			items = p.Total
		})
		b.ReportMetric(took.Seconds(), "first-level-s")
		b.Logf("%d index records, %d subscriptions at the top: first level in %v", last.Entries, items, took)
	}
}
