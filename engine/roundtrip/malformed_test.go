package roundtrip

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coffre/engine/index"
	"coffre/engine/spec"
	"coffre/engine/verify"
	"coffre/internal/testtree"
)

// malformed are backups signed by the host (as a bug of a future version could write them)
// that break a rule of the format, each with the entry that breaks it.
func malformed(out string) []struct {
	name    string
	entries []crafted
	bad     string
} {
	const d = "files/acme.example"
	good := func() []crafted {
		return []crafted{dirEntry(d), fileEntry(d+"/a-good", "good")}
	}
	with := func(cs ...crafted) []crafted { return append(good(), cs...) }
	archiveOnly := fileEntry(d+"/zz", "content from an entry the index does not list")
	archiveOnly.NoIndex = true
	return []struct {
		name    string
		entries []crafted
		bad     string
	}{
		{"absolute path after files/<domain>/", with(fileEntry(d+"/"+out+"/evil", "x")), d + "/" + out + "/evil"},
		{"dot-dot", with(fileEntry(d+"/../../../outside/evil", "x")), d + "/../../../outside/evil"},
		{"index path outside files/", with(fileEntry(out+"/evil", "x")), out + "/evil"},
		{"entry under a symlink", with(symlinkEntry(d+"/b", out), fileEntry(d+"/b/secret", "overwritten")), d + "/b/secret"},
		{"hard link to outside the archive", with(archiveOnly,
			crafted{Entry: index.Entry{Path: d + "/h", Type: index.Hardlink, Link: d + "/zz", Size: archiveOnly.Size}}), d + "/h"},
	}
}

// Restore refuses each malformed backup before it writes anything, naming the entry; verify
// reports the same entry.
func TestMalformedBackups(t *testing.T) {
	for _, tt := range malformed("/outside") {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, nil, "acme.example")
			root := e.roots["acme.example"]
			testtree.New(t, root).File("httpdocs/index.php", "<?php", 0o644, testtree.Recent)
			before := testtree.Snapshot(t, root)
			e.craft("acme_crafted", "", []string{"acme.example"}, tt.entries)
			to := filepath.Join(t.TempDir(), "to")
			for _, target := range []string{to, ""} {
				_, err := e.restore(spec.Restore{Backup: "acme_crafted", To: target})
				if err == nil || !strings.Contains(err.Error(), tt.bad) {
					t.Errorf("to %q: err = %v, want an error naming %q", target, err, tt.bad)
				}
			}
			if _, err := os.Lstat(to); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("the restore --to made %s (%v)", to, err)
			}
			testtree.Equal(t, before, testtree.Snapshot(t, root))
			rep, err := verify.Run(t.Context(), e.st, "acme_crafted", e.pub())
			if !errors.Is(err, verify.ErrFailed) || !reports(rep, tt.bad) {
				t.Errorf("verify: err = %v, problems %+v; want one about %q", err, rep.Problems, tt.bad)
			}
		})
	}
}

func reports(rep verify.Report, path string) bool {
	for _, p := range rep.Problems {
		if p.Path == path || strings.Contains(p.Error, path) {
			return true
		}
	}
	return false
}
