package roundtrip

import (
	"path/filepath"
	"testing"

	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/internal/testtree"
)

// FuzzRestorePaths restores one backup with fuzzed --path values, in place and under --to:
// nothing outside the targets ever changes.
func FuzzRestorePaths(f *testing.F) {
	for _, seed := range []string{"httpdocs", "/httpdocs/sub", "..", "../outside", "httpdocs/../../outside",
		"/", ".", "httpdocs/sub/page.php", "a\x00b", "//etc", "httpdocs/./sub/", "missing"} {
		f.Add(seed)
	}
	e := newEnv(f, storage.NewMem(), "acme.example")
	b := testtree.New(f, e.roots["acme.example"])
	b.File("httpdocs/sub/page.php", "page", 0o644, testtree.Recent)
	b.Symlink("httpdocs/up", "../..", testtree.Recent)
	name := e.backup(e.spec(false)).Entry.Name
	f.Fuzz(func(t *testing.T, path string) {
		out, untouched := outside(t)
		for _, to := range []string{filepath.Join(filepath.Dir(out), "to"), ""} {
			e.restore(spec.Restore{Backup: name, Paths: []string{path}, To: to})
			untouched()
		}
	})
}
