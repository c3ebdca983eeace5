package roundtrip

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coffre/engine/archive"
	"coffre/engine/extract"
	"coffre/engine/index"
	"coffre/engine/manifest"
	"coffre/engine/spec"
	"coffre/internal/testtree"
)

const marker = "OTHER-CLIENT-SECRET-5f1c"

// outside makes a directory beside the targets, with a secret, and returns a check that fails
// the test if anything in it changed.
func outside(t *testing.T) (string, func()) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "outside")
	testtree.New(t, dir).File("secret", marker, 0o644, testtree.Recent)
	before := testtree.Snapshot(t, dir)
	return dir, func() {
		t.Helper()
		testtree.Equal(t, before, testtree.Snapshot(t, dir))
	}
}

// Symlinks to /etc and into another client's webspace are stored as links: not a byte of
// their targets is in the archive, and they come back as the same links.
func TestLinksBackedUpAsLinks(t *testing.T) {
	e := newEnv(t, nil, "acme.example", "other.example")
	other := e.roots["other.example"]
	testtree.New(t, other).File("secret.txt", marker, 0o600, testtree.Recent)
	b := testtree.New(t, e.roots["acme.example"])
	b.Symlink("httpdocs/etc", "/etc", testtree.Recent)
	b.Symlink("httpdocs/passwd", "/etc/passwd", testtree.Recent)
	b.Symlink("httpdocs/other", other, testtree.Recent)
	b.Symlink("httpdocs/other-secret", filepath.Join(other, "secret.txt"), testtree.Recent)
	want := testtree.Snapshot(t, e.roots["acme.example"])
	s := e.spec(false)
	s.Subscriptions = []string{"acme.example"}
	name := e.backup(s).Entry.Name

	passwd, _ := os.ReadFile("/etc/passwd")
	m, err := manifest.Load(context.Background(), e.st, name)
	must(t, err)
	ar, err := archive.NewReader(context.Background(), e.st, m.Volumes, archive.Limits{})
	must(t, err)
	defer ar.Close()
	for {
		h, err := ar.Next()
		if err == io.EOF {
			break
		}
		must(t, err)
		body, err := io.ReadAll(ar)
		must(t, err)
		if bytes.Contains(body, []byte(marker)) || len(passwd) > 0 && bytes.Contains(body, passwd) {
			t.Errorf("%s holds bytes of a link's target", h.Name)
		}
	}
	to := filepath.Join(t.TempDir(), "to")
	e.mustRestore(spec.Restore{Backup: name, To: to})
	testtree.Equal(t, want, testtree.Snapshot(t, filepath.Join(to, "files", "acme.example")))
}

// Hand-made backups with hostile paths: nothing is written outside the target, and a refusal
// names the entry.
func TestCraftedBackups(t *testing.T) {
	const d = "files/acme.example"
	tests := []struct {
		name    string
		subs    []string
		entries func(out string) []crafted
		naming  string // "" when the restore may succeed
	}{
		{"dot-dot", nil, func(string) []crafted {
			return []crafted{dirEntry(d), fileEntry(d+"/../../../outside/evil", "x")}
		}, "../outside/evil"},
		{"dot-dot subscription", []string{".."}, func(string) []crafted {
			return []crafted{dirEntry("files/.."), fileEntry("files/../outside/evil", "x")}
		}, ".."},
		{"absolute", nil, func(out string) []crafted {
			return []crafted{dirEntry(d), fileEntry(d+"/"+out+"/evil", "x")}
		}, "/evil"},
		{"link then write through it", nil, func(out string) []crafted {
			return []crafted{dirEntry(d), symlinkEntry(d+"/a", out), fileEntry(d+"/a/secret", "overwritten")}
		}, d + "/a/secret"},
		{"relative link then write through it", nil, func(string) []crafted {
			return []crafted{dirEntry(d), symlinkEntry(d+"/a", "../../../outside"), fileEntry(d+"/a/secret", "x")}
		}, d + "/a/secret"},
		{"NUL", nil, func(string) []crafted {
			evil := dirEntry(d + "/a\x00/../../../outside")
			evil.NoTar = true
			return []crafted{dirEntry(d), evil}
		}, `a\x00`},
		{"archive entry under another name", nil, func(string) []crafted {
			f := fileEntry(d+"/f", "x")
			f.TarName = "../outside/secret"
			return []crafted{dirEntry(d), f}
		}, "missing from the archive"},
		{"hard link to a path outside", nil, func(out string) []crafted {
			h := crafted{Entry: index.Entry{Path: d + "/h", Type: index.Hardlink, Link: out + "/secret"}, NoTar: true}
			return []crafted{dirEntry(d), h}
		}, d + "/h"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, nil, "acme.example")
			out, untouched := outside(t)
			subs := tt.subs
			if subs == nil {
				subs = []string{"acme.example"}
			}
			e.craft("acme_crafted", "", subs, tt.entries(out))
			for _, to := range []string{filepath.Join(filepath.Dir(out), "to"), ""} {
				_, err := e.restore(spec.Restore{Backup: "acme_crafted", To: to})
				if tt.naming != "" && (err == nil || !strings.Contains(err.Error(), tt.naming)) {
					t.Errorf("to %q: err = %v, want an error naming %q", to, err, tt.naming)
				}
				untouched()
			}
		})
	}
}

// A tenant plants links before a restore run as root: each is replaced, its target untouched.
func TestPlantedLinks(t *testing.T) {
	e := newEnv(t, nil, "acme.example")
	root := e.roots["acme.example"]
	b := testtree.New(t, root)
	b.File("httpdocs/index.php", "<?php", 0o644, testtree.Recent)
	b.File("httpdocs/sub/page.php", "page", 0o644, testtree.Recent)
	b.Done()
	want := testtree.Snapshot(t, root)
	name := e.backup(e.spec(false)).Entry.Name
	out, untouched := outside(t)
	rm(t, b, "httpdocs/index.php", "httpdocs/sub")
	b.Symlink("httpdocs/index.php", filepath.Join(out, "secret"), testtree.Recent)
	b.Symlink("httpdocs/sub", out, testtree.Recent)
	e.mustRestore(spec.Restore{Backup: name})
	untouched()
	testtree.Equal(t, want, testtree.Snapshot(t, root))
}

// A planted symlink where a restore --path leads through: refused, naming it.
func TestPlantedLinkOnThePath(t *testing.T) {
	e := newEnv(t, nil, "acme.example")
	root := e.roots["acme.example"]
	b := testtree.New(t, root)
	b.File("httpdocs/sub/page.php", "page", 0o644, testtree.Recent)
	name := e.backup(e.spec(false)).Entry.Name
	out, untouched := outside(t)
	rm(t, b, "httpdocs")
	b.Symlink("httpdocs", out, testtree.Recent)
	_, err := e.restore(spec.Restore{Backup: name, Paths: []string{"httpdocs/sub"}})
	if !errors.Is(err, extract.ErrUnsafe) || !strings.Contains(err.Error(), "httpdocs") {
		t.Errorf("err = %v, want ErrUnsafe naming httpdocs", err)
	}
	untouched()
}
