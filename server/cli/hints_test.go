package cli

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each mistake on the command line says what to fix, exits non-zero, and with --json prints
// {"error": ...} on stdout; none makes a task.
func TestMistakesSayWhatToFix(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	root := t.TempDir()
	os.MkdirAll(filepath.Join(root, "httpdocs"), 0o755)
	for _, args := range [][]string{
		{"client", "add", "acme", "--name", "Acme"},
		{"client", "add", "bistro", "--name", "Bistro"},
		{"subscription", "add", "acme.example", "--client", "acme", "--root", root},
	} {
		if r := run(t, dir, "", args...); r.code != 0 {
			t.Fatalf("%v: %s", args, r.stderr)
		}
	}
	cases := []struct {
		name string
		args []string
		code int
		says []string
	}{
		{"pattern", []string{"backup", "acme", "--exclude", "../x, a//b"}, 2,
			[]string{`pattern "../x": ".." is not allowed`, `pattern "a//b": empty path component`}},
		{"unknown subscription", []string{"backup", "acme", "--subscription", "nosuch.example"}, 2,
			[]string{`"nosuch.example" is not a subscription of this client`, "coffre subscription list --client acme"}},
		{"foreign subscription", []string{"backup", "bistro", "--subscription", "acme.example"}, 2,
			[]string{`"acme.example" is not a subscription of this client`}},
		{"verify unknown backup", []string{"verify", "acme", "nosuchbackup"}, 1,
			[]string{`no backup "nosuchbackup" of acme in the server storage`, "`coffre backups acme` lists them"}},
		{"restore unknown backup", []string{"restore", "acme", "nosuchbackup"}, 1,
			[]string{`no backup "nosuchbackup" of acme`, "`coffre backups acme` lists them"}},
		{"delete unknown backup", []string{"delete", "acme", "nosuchbackup", "--yes"}, 1,
			[]string{`no backup "nosuchbackup" of acme`}},
		{"FTP not set up", []string{"backup", "acme", "--storage", "ftp"}, 1, []string{"coffre ftp set acme"}},
		{"backups of FTP not set up", []string{"backups", "acme", "--storage", "ftp"}, 1,
			[]string{"the personal FTP storage of acme is not set up", "coffre ftp set acme"}},
		{"verify on FTP not set up", []string{"verify", "acme", "x", "--storage", "ftp"}, 1,
			[]string{"the personal FTP storage of acme is not set up"}},
		{"negative limit", []string{"tasks", "--limit", "-1"}, 2, []string{"--limit must be at least 1"}},
		{"unknown client", []string{"client", "show", "nosuch"}, 1, []string{`no client "nosuch"`}},
		{"unknown command", []string{"client", "remove", "acme"}, 2, []string{`unknown command "client remove"`}},
	}
	for _, c := range cases {
		r := run(t, dir, "", c.args...)
		if r.code != c.code {
			t.Errorf("%s: exit %d, want %d: %s", c.name, r.code, c.code, r.stderr)
		}
		for _, s := range c.says {
			if !strings.Contains(r.stderr, s) {
				t.Errorf("%s: stderr misses %q:\n%s", c.name, s, r.stderr)
			}
		}
		if cmd, _ := lookup(c.args); cmd != nil && !strings.Contains(cmd.usage, "--json") {
			continue
		}
		j := run(t, dir, "", append(c.args, "--json")...)
		var got jsonError
		if err := json.Unmarshal([]byte(j.stdout), &got); err != nil || j.code != c.code || !strings.Contains(got.Error, c.says[0]) {
			t.Errorf("%s --json: exit %d, stdout %q (%v)", c.name, j.code, j.stdout, err)
		}
	}
	if r := run(t, dir, "", "tasks", "--json"); strings.TrimSpace(r.stdout) != "[]" {
		t.Errorf("a refused command made a task: %s", r.stdout)
	}
}

func TestHelpVersionAndGroups(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args         []string
		code         int
		stdout, errs string
	}{
		{[]string{"--help"}, 0, "coffre serve", ""},
		{[]string{"-h"}, 0, "coffre restore LOGIN BACKUP", ""},
		{[]string{"--version"}, 0, "coffre dev", ""},
		{[]string{"client", "--help"}, 0, "coffre client rights", ""},
		{[]string{"client"}, 2, "", "coffre client add"},
		{[]string{"ftp"}, 2, "", "coffre ftp test"},
		{[]string{"help", "nosuch"}, 2, "", `unknown command "nosuch"`},
	} {
		r := run(t, dir, "", c.args...)
		if r.code != c.code || !strings.Contains(r.stdout, c.stdout) || !strings.Contains(r.stderr, c.errs) ||
			c.args[0] != "help" && strings.Contains(r.stderr, "unknown command") {
			t.Errorf("coffre %v: exit %d\nstdout %s\nstderr %s", c.args, r.code, r.stdout, r.stderr)
		}
	}
}

func TestServeFlagsAndBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dir := filepath.Join(t.TempDir(), "data")
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"--listen", ln.Addr().String()}, 1, "already in use by another program; stop it, or choose another address with --listen"},
		{[]string{"--log-level", "loud"}, 2, "log-level"},
		{[]string{"--session-idle", "10s"}, 2, "--session-idle must be at least 1m"},
		{[]string{"--session-idle", "8h", "--session-max", "1h"}, 2, "--session-max (1h0m0s) must be at least --session-idle"},
	} {
		r := run(t, dir, "", append([]string{"serve"}, c.args...)...)
		if r.code != c.code || !strings.Contains(r.stderr, c.says) {
			t.Errorf("serve %v: exit %d: %s", c.args, r.code, r.stderr)
		}
	}
}
