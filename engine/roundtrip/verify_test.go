package roundtrip

import (
	"archive/tar"
	"context"
	"errors"
	"strings"
	"testing"

	"coffre/engine/verify"
)

// verify names every disagreement between a hand-made archive and its index.
func TestVerifyFindsMismatches(t *testing.T) {
	const d = "files/acme.example"
	with := func(c crafted, change func(*crafted)) crafted { change(&c); return c }
	tests := []struct {
		name  string
		entry crafted
		path  string // the path the problem names
		says  string
	}{
		{"archive holds more", with(fileEntry(d+"/f", "x"), func(c *crafted) { c.TarName = d + "/unlisted" }),
			d + "/unlisted", "not in the index"},
		{"index says held, archive lacks", with(fileEntry(d+"/f", "x"), func(c *crafted) { c.NoTar = true }),
			d + "/f", "the archive does not"},
		{"another mode", with(fileEntry(d+"/f", "x"), func(c *crafted) { c.Tar = func(h *tar.Header) { h.Mode = 0o4777 } }),
			d + "/f", "mode 4777"},
		{"another link", with(symlinkEntry(d+"/l", "/etc"), func(c *crafted) { c.Tar = func(h *tar.Header) { h.Linkname = "/root" } }),
			d + "/l", `link "/root"`},
		{"another type", with(symlinkEntry(d+"/l", "x"), func(c *crafted) { c.Tar = func(h *tar.Header) { h.Typeflag = tar.TypeDir } }),
			d + "/l", "type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newEnv(t, nil, "acme.example")
			e.craft("acme_crafted", "", []string{"acme.example"}, []crafted{dirEntry(d), tt.entry})
			rep, err := verify.Run(context.Background(), e.st, "acme_crafted", e.pub())
			if !errors.Is(err, verify.ErrFailed) {
				t.Fatalf("err = %v, want ErrFailed", err)
			}
			found := false
			for _, p := range rep.Problems {
				found = found || p.Path == tt.path && strings.Contains(p.Error, tt.says)
			}
			if !found {
				t.Errorf("problems %+v, want one naming %q: %s", rep.Problems, tt.path, tt.says)
			}
		})
	}
}

// A sound hand-made backup verifies: the checks above fail for their reason only.
func TestVerifyCraftedSound(t *testing.T) {
	const d = "files/acme.example"
	e := newEnv(t, nil, "acme.example")
	e.craft("acme_crafted", "", []string{"acme.example"},
		[]crafted{dirEntry(d), fileEntry(d+"/f", "x"), symlinkEntry(d+"/l", "/etc")})
	e.verify("acme_crafted")
}
