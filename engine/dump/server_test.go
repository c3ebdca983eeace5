package dump

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"coffre/engine/account"
	"coffre/internal/dbtest"
)

// afterInsert adds a row: the sequence (or auto-increment) and the trigger must work.
const afterInsert = "INSERT INTO customers(name, city) VALUES ('Ōsaka Noël', 'Paris');\nSELECT id, customer, note FROM audit ORDER BY id;\n"

func source(s *dbtest.Server, name string) Source {
	return Source{DB: account.Database{Name: name, Subscription: "example.com", Engine: s.Engine,
		Host: "127.0.0.1", Port: s.Port, User: s.User}, Password: dbtest.Password}
}

func create(t *testing.T, s *dbtest.Server, name string) {
	t.Helper()
	if _, err := s.SQL("", "CREATE DATABASE "+name+";"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SQL(name, dbtest.Schema[s.Engine]); err != nil {
		t.Fatal(err)
	}
}

func query(t *testing.T, s *dbtest.Server, db, q string) string {
	t.Helper()
	out, err := s.SQL(db, q)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestServerRoundTrip(t *testing.T) {
	for _, s := range []*dbtest.Server{pg, my} {
		t.Run(s.Engine, func(t *testing.T) { roundTrip(t, s) })
	}
}

func roundTrip(t *testing.T, s *dbtest.Server) {
	ctx := context.Background()
	create(t, s, "shop")
	want := query(t, s, "shop", dbtest.Rows)
	if !strings.Contains(want, "李小龍") || strings.Count(want, "créé") != 3 {
		t.Fatalf("setup: %q", want)
	}
	var dump bytes.Buffer
	n, err := Dump(ctx, source(s, "shop"), &dump)
	if err != nil || n != int64(dump.Len()) || n == 0 {
		t.Fatalf("Dump: %d bytes, %v", n, err)
	}
	wantAfter := query(t, s, "shop", afterInsert)
	query(t, s, "", "DROP DATABASE shop;")

	if err := Load(ctx, Target{Source: source(s, "shop")}, bytes.NewReader(dump.Bytes())); err != nil {
		t.Fatalf("Load: %v", err)
	}
	if got := query(t, s, "shop", dbtest.Rows); got != want {
		t.Fatalf("restored rows differ:\n%s\nwant\n%s", got, want)
	}
	if got := query(t, s, "shop", afterInsert); got != wantAfter {
		t.Fatalf("after an insert (sequence, trigger):\n%s\nwant\n%s", got, wantAfter)
	}

	// Under a new name, the original untouched.
	if err := Load(ctx, Target{Source: source(s, "shop"), As: "shop_copy"}, bytes.NewReader(dump.Bytes())); err != nil {
		t.Fatalf("Load as: %v", err)
	}
	if got := query(t, s, "shop_copy", dbtest.Rows); got != want {
		t.Fatalf("copy differs:\n%s\nwant\n%s", got, want)
	}
	// Over an existing database: refused unless told.
	err = Load(ctx, Target{Source: source(s, "shop")}, bytes.NewReader(dump.Bytes()))
	if !errors.Is(err, ErrExists) {
		t.Fatalf("over an existing database: %v, want ErrExists", err)
	}
	if err := Load(ctx, Target{Source: source(s, "shop"), Overwrite: true}, bytes.NewReader(dump.Bytes())); err != nil {
		t.Fatalf("Load overwrite: %v", err)
	}
	if got := query(t, s, "shop", dbtest.Rows); got != want {
		t.Fatalf("overwritten database differs:\n%s\nwant\n%s", got, want)
	}
	query(t, s, "", "DROP DATABASE shop; DROP DATABASE shop_copy;")
}

// TestFailedLoadKeepsDatabase: a dump that does not load leaves the existing database as it
// was: PostgreSQL loads beside it; MariaDB, which drops it first, puts it back.
func TestFailedLoadKeepsDatabase(t *testing.T) {
	for _, s := range []*dbtest.Server{pg, my} {
		t.Run(s.Engine, func(t *testing.T) {
			create(t, s, "keep")
			defer query(t, s, "", "DROP DATABASE keep;")
			want := query(t, s, "keep", dbtest.Rows)
			err := Load(context.Background(), Target{Source: source(s, "keep"), Overwrite: true},
				strings.NewReader("CREATE TABLE x (a int);\nTHIS IS NOT SQL;\n"))
			if err == nil || !strings.Contains(strings.ToLower(err.Error()), "syntax") {
				t.Fatalf("Load of a bad dump: %v", err)
			}
			if got := query(t, s, "keep", dbtest.Rows); got != want {
				t.Fatalf("the database changed: %s", got)
			}
			if got := query(t, s, "keep", afterInsert); !strings.Contains(got, "Ōsaka Noël") {
				t.Fatalf("the trigger no longer runs after the database was put back: %s", got)
			}
		})
	}
}

func TestRefusedLogin(t *testing.T) {
	for _, s := range []*dbtest.Server{pg, my} {
		src := source(s, "nothere")
		src.Password = "wrong"
		_, err := Dump(context.Background(), src, &bytes.Buffer{})
		if err == nil || !strings.Contains(strings.ToLower(err.Error()), "denied") &&
			!strings.Contains(err.Error(), "authentication failed") {
			t.Errorf("%s: %v, want the tool's refusal", s.Engine, err)
		}
	}
}

func TestMissingTool(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	for _, s := range []*dbtest.Server{pg, my} {
		_, err := Dump(context.Background(), source(s, "shop"), &bytes.Buffer{})
		if !errors.Is(err, ErrNoTool) {
			t.Errorf("%s: %v, want ErrNoTool", s.Engine, err)
		}
	}
}

// TestPasswordNotVisible looks at every process while a dump runs: the password is in no
// command line and no environment.
func TestPasswordNotVisible(t *testing.T) {
	for _, s := range []*dbtest.Server{pg, my} {
		t.Run(s.Engine, func(t *testing.T) {
			create(t, s, "secretive")
			// Larger than a pipe's buffer, so that the tool is still running when we look.
			query(t, s, "secretive", bulk[s.Engine])
			defer query(t, s, "", "DROP DATABASE secretive;")
			w := &pausing{seen: make(chan struct{}), resume: make(chan struct{})}
			done := make(chan error, 1)
			go func() { _, err := Dump(context.Background(), source(s, "secretive"), w); done <- err }()
			<-w.seen // the tool has written: it runs, and waits on us
			found := checkProcs(t, []byte(dbtest.Password))
			close(w.resume)
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			if found == 0 {
				t.Fatal("no dump process found")
			}
		})
	}
}

var bulk = map[string]string{
	"postgres": "CREATE TABLE bulk AS SELECT g AS id, repeat('x', 200) AS pad FROM generate_series(1, 5000) g;",
	"mysql":    "SET SESSION max_recursive_iterations = 10000; CREATE TABLE bulk (id INT PRIMARY KEY, pad TEXT) AS WITH RECURSIVE g(id) AS (SELECT 1 UNION ALL SELECT id+1 FROM g WHERE id < 5000) SELECT id, REPEAT('x', 200) AS pad FROM g;",
}

// pausing blocks the first write until resume is closed.
type pausing struct {
	seen, resume chan struct{}
	n            int
}

func (p *pausing) Write(b []byte) (int, error) {
	if p.n == 0 {
		close(p.seen)
		<-p.resume
	}
	p.n += len(b)
	return len(b), nil
}

// checkProcs fails if any process's command line or environment holds secret, and returns
// how many dump processes it saw.
// childOfUs reports whether the process at /proc/PID p is a child of this test process.
func childOfUs(p string) bool {
	status, _ := os.ReadFile(p + "/status")
	for line := range strings.SplitSeq(string(status), "\n") {
		if ppid, ok := strings.CutPrefix(line, "PPid:"); ok {
			return strings.TrimSpace(ppid) == strconv.Itoa(os.Getpid())
		}
	}
	return false
}

func checkProcs(t *testing.T, secret []byte) int {
	t.Helper()
	procs, _ := filepath.Glob("/proc/[0-9]*")
	found := 0
	for _, p := range procs {
		// Only the tools this process started: other test packages run their own clients at
		// the same time, with passwords in their environment.
		if _, err := strconv.Atoi(filepath.Base(p)); err != nil || !childOfUs(p) {
			continue
		}
		cmdline, _ := os.ReadFile(p + "/cmdline")
		env, _ := os.ReadFile(p + "/environ")
		if bytes.Contains(cmdline, []byte("pg_dump")) || bytes.Contains(cmdline, []byte("mariadb-dump")) {
			found++
			if len(env) == 0 {
				t.Errorf("cannot read the environment of %s", cmdline)
			}
		}
		if bytes.Contains(cmdline, secret) || bytes.Contains(env, secret) {
			t.Errorf("the password shows in %s (%q)", p, cmdline)
		}
	}
	return found
}
