package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"coffre/engine/account"
	"coffre/server/auth"
	"coffre/server/store"
)

func TestMain(m *testing.M) {
	auth.Cost = bcrypt.MinCost
	os.Exit(m.Run())
}

type result struct {
	code           int
	stdout, stderr string
}

// run runs Main with args and --data dir, stdin as given.
func run(t *testing.T, dir, stdin string, args ...string) result {
	t.Helper()
	var out, errOut bytes.Buffer
	code := Main(context.Background(), Env{Args: append(args, "--data", dir), Stdin: strings.NewReader(stdin),
		Stdout: &out, Stderr: &errOut})
	return result{code, out.String(), errOut.String()}
}

func TestCommands(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	hosts := t.TempDir()
	root := filepath.Join(hosts, "acme.example")
	os.MkdirAll(filepath.Join(root, "sub"), 0o755)
	os.WriteFile(filepath.Join(hosts, "file"), nil, 0o644)
	steps := []struct {
		name string
		args []string
		code int
		says string // in stdout on success, in stderr otherwise
	}{
		{"list before any data", []string{"client", "list"}, 1, "no Coffre data in"},
		{"add client", []string{"client", "add", "acme", "--name", "Acme Corp", "--email", "it@acme.example", "--lang", "fr"}, 0, "client acme added"},
		{"flags before the login", []string{"client", "add", "--name", "Bob", "bob"}, 0, "client bob added"},
		{"same login again", []string{"client", "add", "acme", "--name", "Again"}, 1, `a client "acme" already exists`},
		{"bad login", []string{"client", "add", "Acme/1", "--name", "X"}, 1, "invalid login"},
		{"reserved login", []string{"client", "add", "admin", "--name", "X"}, 1, "reserved"},
		{"no name", []string{"client", "add", "carol"}, 1, "the name is required"},
		{"unknown flag", []string{"client", "add", "carol", "--nom", "X"}, 2, "usage: coffre client add"},
		{"missing argument", []string{"client", "show"}, 2, "want 1 argument"},
		{"subscription", []string{"subscription", "add", "acme.example", "--client", "acme", "--root", root, "--logs", "logs"}, 0, "subscription acme.example added"},
		{"root missing", []string{"subscription", "add", "b.example", "--client", "bob", "--root", filepath.Join(hosts, "nope")}, 1, "does not exist"},
		{"root is a file", []string{"subscription", "add", "b.example", "--client", "bob", "--root", filepath.Join(hosts, "file")}, 1, "is not a directory"},
		{"root inside another", []string{"subscription", "add", "b.example", "--client", "bob", "--root", filepath.Join(root, "sub")}, 1, "inside the webspace root of subscription acme.example"},
		{"root containing another", []string{"subscription", "add", "b.example", "--client", "bob", "--root", hosts}, 1, "contains the webspace root of subscription acme.example"},
		{"log dir outside", []string{"subscription", "add", "b.example", "--client", "bob", "--root", t.TempDir(), "--logs", "../logs"}, 1, "invalid logs"},
		{"domain", []string{"domain", "add", "shop.acme.example", "--subscription", "acme.example", "--docroot", "shop"}, 0, "document root shop"},
		{"mailbox", []string{"mailbox", "add", "info@acme.example", "--subscription", "acme.example", "--maildir", t.TempDir()}, 0, "mailbox info@acme.example added"},
		{"database", []string{"database", "add", "wp", "--subscription", "acme.example", "--engine", "mysql", "--user", "wp"}, 0, "database wp (mysql) added"},
		{"database engine", []string{"database", "add", "x", "--subscription", "acme.example", "--engine", "oracle"}, 1, "invalid database engine"},
		{"rights", []string{"client", "rights", "acme", "--ftp-storage=false", "--account-backup=false"}, 0, "FTP storage no, account backup no, restore yes"},
		{"show", []string{"client", "show", "acme"}, 0, "shop.acme.example"},
		{"show unknown", []string{"client", "show", "nobody"}, 1, `no client "nobody"`},
		{"unknown command", []string{"client", "remove", "acme"}, 2, "unknown command"},
		{"help", []string{"help", "client"}, 0, "coffre client rights"},
		{"version", []string{"version"}, 0, "coffre dev"},
	}
	for _, s := range steps {
		r := run(t, dir, "", s.args...)
		text := r.stdout
		if s.code != 0 {
			text = r.stderr
		}
		if r.code != s.code || !strings.Contains(text, s.says) {
			t.Errorf("%s: exit %d, want %d saying %q\nstdout: %s\nstderr: %s", s.name, r.code, s.code, s.says, r.stdout, r.stderr)
		}
	}
}

func TestJSONListings(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	root := t.TempDir()
	run(t, dir, "", "client", "add", "acme", "--name", "Acme Corp")
	run(t, dir, "", "client", "add", "bob", "--name", "Bob")
	run(t, dir, "", "subscription", "add", "acme.example", "--client", "acme", "--root", root)
	var clients []account.ClientSummary
	r := run(t, dir, "", "client", "list", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &clients); err != nil || len(clients) != 2 || clients[0].Login != "acme" || clients[0].Domains != 1 {
		t.Fatalf("client list --json: %v\n%s", err, r.stdout)
	}
	var subs []account.Subscription
	r = run(t, dir, "", "subscription", "list", "--client", "bob", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &subs); err != nil || subs == nil || len(subs) != 0 {
		t.Fatalf("bob's subscriptions --json: %v %q, want []", err, r.stdout)
	}
	r = run(t, dir, "", "--json", "subscription", "list")
	if r.code != 2 {
		t.Errorf("--json before the command: exit %d", r.code)
	}
	r = run(t, dir, "", "subscription", "list", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &subs); err != nil || len(subs) != 1 || subs[0].Root != root {
		t.Fatalf("subscription list --json: %v\n%s", err, r.stdout)
	}
	var a account.Account
	r = run(t, dir, "", "client", "show", "acme", "--json")
	if err := json.Unmarshal([]byte(r.stdout), &a); err != nil || a.Client.Name != "Acme Corp" || len(a.Domains) != 1 {
		t.Fatalf("client show --json: %v\n%s", err, r.stdout)
	}
}

func TestPasswordsFromStdin(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "data")
	run(t, dir, "", "client", "add", "acme", "--name", "Acme")
	tests := []struct {
		args  []string
		stdin string
		code  int
		login string
	}{
		{[]string{"admin", "password"}, "admin-secret\n", 0, "admin"},
		{[]string{"client", "password", "acme"}, "acme-secret\r\n", 0, "acme"},
		{[]string{"admin", "password"}, "short\n", 1, ""},
		{[]string{"admin", "password"}, "", 1, ""},
		{[]string{"client", "password", "nobody"}, "whatever-pw\n", 1, ""},
	}
	for _, tt := range tests {
		if r := run(t, dir, tt.stdin, tt.args...); r.code != tt.code {
			t.Errorf("%v: exit %d, want %d: %s", tt.args, r.code, tt.code, r.stderr)
		}
	}
	st, _ := store.Open(dir, store.Options{})
	for login, pw := range map[string]string{"admin": "admin-secret", "acme": "acme-secret"} {
		if _, err := auth.Check(st, login, pw); err != nil {
			t.Errorf("%s cannot log in with the password set: %v", login, err)
		}
	}
}

func TestGlobalDataFlag(t *testing.T) {
	if got := moveGlobalFlags([]string{"--data", "D", "client", "list"}); strings.Join(got, " ") != "client list --data D" {
		t.Errorf("moved = %q", got)
	}
	if got := moveGlobalFlags([]string{"--data=D", "version"}); strings.Join(got, " ") != "version --data=D" {
		t.Errorf("moved = %q", got)
	}
}
