package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The CLI changes and removes what it added, with the panel's checks; removing needs --yes and
// leaves the files.
func TestEditAndRemoveFromTheCLI(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	root := filepath.Join(t.TempDir(), "acme.example")
	os.MkdirAll(filepath.Join(root, "mail"), 0o755)
	for _, args := range [][]string{
		{"client", "add", "acme", "--name", "Acme"},
		{"subscription", "add", "acme.example", "--client", "acme", "--root", root},
		{"domain", "add", "shop.acme.example", "--subscription", "acme.example"},
		{"mailbox", "add", "me@shop.acme.example", "--subscription", "acme.example", "--maildir", filepath.Join(root, "mail")},
	} {
		if r := run(t, dir, "", args...); r.code != 0 {
			t.Fatalf("%v: %d %s", args, r.code, r.stderr)
		}
	}
	if r := run(t, dir, "", "client", "edit", "acme", "--email", "not an address"); r.code == 0 || !strings.Contains(r.stderr, "invalid email address") {
		t.Errorf("a bad e-mail: %d %q", r.code, r.stderr)
	}
	if r := run(t, dir, "", "client", "edit", "acme", "--name", "Acme SA", "--lang", "fr"); r.code != 0 {
		t.Fatalf("edit: %d %s", r.code, r.stderr)
	}
	if r := run(t, dir, "", "client", "show", "acme"); !strings.Contains(r.stdout, "Acme SA") || !strings.Contains(r.stdout, "Language: fr") {
		t.Errorf("after the edit: %s", r.stdout)
	}
	if r := run(t, dir, "", "domain", "delete", "acme.example", "--yes"); r.code == 0 || !strings.Contains(r.stderr, "main domain") {
		t.Errorf("the main domain alone: %d %q", r.code, r.stderr)
	}
	if r := run(t, dir, "", "mailbox", "delete", "me@shop.acme.example"); r.code == 0 || !strings.Contains(r.stderr, "--yes") {
		t.Errorf("without --yes: %d %q", r.code, r.stderr)
	}
	for _, args := range [][]string{{"mailbox", "delete", "me@shop.acme.example", "--yes"}, {"domain", "delete", "shop.acme.example", "--yes"},
		{"subscription", "delete", "acme.example", "--yes"}, {"client", "delete", "acme", "--yes"}} {
		if r := run(t, dir, "", args...); r.code != 0 {
			t.Errorf("%v: %d %s", args, r.code, r.stderr)
		}
	}
	if r := run(t, dir, "", "client", "show", "acme"); r.code == 0 {
		t.Errorf("the client is still shown: %s", r.stdout)
	}
	if _, err := os.Stat(filepath.Join(root, "mail")); err != nil {
		t.Errorf("the files went: %v", err)
	}
}
