package dump

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coffre/internal/dbtest"
)

// A dump is made from what a client put in its database, and a backup may come from another
// host: whatever it holds, loading it never runs a client command (a shell, a file read or
// written by the client program) as Coffre's user.
func TestLoadRunsNoClientCommand(t *testing.T) {
	for _, s := range []struct {
		srv   string
		lines []string
	}{
		{"postgres", []string{`\! touch %s`, `\o %s`, `\copy (SELECT 1) TO '%s'`, "SELECT 1;\n\\! touch %s",
			"\\restrict abc\nSELECT 1;\n\\unrestrict abc\n\\! touch %s", "\\unrestrict \n\\! touch %s", "\\connect postgres\n\\! touch %s",
			"--\n\\restrict abc\nCREATE TABLE t (id int);\n\\unrestrict abc\n\\! touch %s\n"}},
		{"mysql", []string{`\! touch %s`, `system touch %s`, `tee %s`, "SELECT 1;\n\\! touch %s"}},
	} {
		srv := pg
		if s.srv == "mysql" {
			srv = my
		}
		for i, line := range s.lines {
			t.Run(s.srv, func(t *testing.T) {
				mark := filepath.Join(t.TempDir(), "owned")
				dump := "CREATE TABLE t (id int);\n" + strings.ReplaceAll(line, "%s", mark) + "\nCREATE TABLE u (id int);\n"
				if strings.HasPrefix(line, "--") { // a whole dump, with its own restrict key
					dump = strings.ReplaceAll(line, "%s", mark)
				}
				name := "hostile" + string(rune('a'+i))
				err := Load(context.Background(), Target{Source: source(srv, "x"), As: name}, strings.NewReader(dump))
				if _, serr := os.Stat(mark); serr == nil {
					t.Fatalf("%q ran: %s exists (load: %v)", line, mark, err)
				}
				if err == nil {
					t.Fatalf("%q: loaded without an error", line)
				}
			})
		}
	}
}

// TestPasswordNotVisibleOnLoad looks at every process this test started while a restore's
// client reads the dump: the password is in no command line and no environment.
func TestPasswordNotVisibleOnLoad(t *testing.T) {
	for _, s := range []*dbtest.Server{pg, my} {
		t.Run(s.Engine, func(t *testing.T) {
			r := &stalling{first: "CREATE TABLE t (id int);\n", seen: make(chan struct{}), resume: make(chan struct{})}
			done := make(chan error, 1)
			go func() { done <- Load(context.Background(), Target{Source: source(s, "x"), As: "loadseen"}, r) }()
			<-r.seen // the client runs and waits for the rest of the dump
			found := 0
			for _, p := range childProcs() {
				cmdline, _ := os.ReadFile(p + "/cmdline")
				env, _ := os.ReadFile(p + "/environ")
				if bytes.Contains(cmdline, []byte("psql")) || bytes.Contains(cmdline, []byte("mariadb")) {
					found++
				}
				if bytes.Contains(cmdline, []byte(dbtest.Password)) || bytes.Contains(env, []byte(dbtest.Password)) {
					t.Errorf("the password shows in %s (%q)", p, cmdline)
				}
			}
			close(r.resume)
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			s.SQL("", "DROP DATABASE loadseen;")
			if found == 0 {
				t.Fatal("no client process found")
			}
		})
	}
}

func childProcs() []string {
	var out []string
	procs, _ := filepath.Glob("/proc/[0-9]*")
	for _, p := range procs {
		if childOfUs(p) {
			out = append(out, p)
		}
	}
	return out
}

// stalling gives first, then waits for resume before its end.
type stalling struct {
	first        string
	seen, resume chan struct{}
	sent, done   bool
}

func (s *stalling) Read(p []byte) (int, error) {
	if !s.sent {
		s.sent = true
		return copy(p, s.first), nil
	}
	if !s.done {
		s.done = true
		close(s.seen)
		<-s.resume
	}
	return 0, io.EOF
}

// A dump's LOAD DATA LOCAL INFILE never makes the client read a file of this host.
func TestLoadReadsNoLocalFile(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "shadow")
	os.WriteFile(secret, []byte("root-hash-42\n"), 0o600)
	dump := "CREATE TABLE t (v TEXT);\nLOAD DATA LOCAL INFILE '" + secret + "' INTO TABLE t;\n"
	err := Load(context.Background(), Target{Source: source(my, "x"), As: "localinfile"}, strings.NewReader(dump))
	out, _ := my.SQL("localinfile", "SELECT COUNT(*) FROM t;")
	my.SQL("", "DROP DATABASE IF EXISTS localinfile;")
	if err == nil || strings.TrimSpace(out) != "0" && out != "" {
		t.Fatalf("LOAD DATA LOCAL read a file: %v, %q rows", err, out)
	}
}

// Replacing a PostgreSQL database loads it beside under a fresh name: never under a name that
// another database already has (it would be dropped with a failed load).
func TestPgTempNameIsNoOtherDatabase(t *testing.T) {
	create(t, pg, "tmpname")
	query(t, pg, "", "CREATE DATABASE tmpname_coffre_restore;")
	query(t, pg, "tmpname_coffre_restore", "CREATE TABLE bobs (v text); INSERT INTO bobs VALUES ('bob');")
	defer query(t, pg, "", "DROP DATABASE tmpname; DROP DATABASE IF EXISTS tmpname_coffre_restore;")
	for _, dump := range []string{"CREATE TABLE x (v text);\n", "SELECT broken(;\n"} {
		Load(context.Background(), Target{Source: source(pg, "tmpname"), Overwrite: true}, strings.NewReader(dump))
		if out, err := pg.SQL("tmpname_coffre_restore", "SELECT v FROM bobs;"); err != nil || out != "bob" {
			t.Fatalf("the other database after a load (%q): %q %v", dump, out, err)
		}
	}
	if a, b := tempName("tmpname"), tempName("tmpname"); a == b || len(tempName(strings.Repeat("x", 64))) > 63 {
		t.Errorf("temporary names %q %q", a, b)
	}
}
