package roundtrip

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"coffre/engine/account"
	"coffre/engine/restore"
	"coffre/engine/spec"
	"coffre/internal/dbtest"
)

func sqlOf(t *testing.T, s *dbtest.Server, db, q string) string {
	t.Helper()
	out, err := s.SQL(db, q)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// dbEnv is a client whose subscription has a PostgreSQL, a MariaDB and a SQLite database.
func dbEnv(t *testing.T, prefix string) (*env, map[string]*dbtest.Server, string) {
	e := newEnv(t, nil, "example.com")
	e.secret = func(d account.Database) (string, error) { return dbtest.Password, nil }
	e.dumpPart = 4096 // several parts each: the parts are put back together on restore
	servers := map[string]*dbtest.Server{prefix + "_pg": pg, prefix + "_my": my}
	for name, s := range servers {
		sqlOf(t, s, "", "CREATE DATABASE "+name+";")
		sqlOf(t, s, name, dbtest.Schema[s.Engine])
		e.acct.Databases = append(e.acct.Databases, account.Database{Name: name, Subscription: "example.com",
			Engine: s.Engine, Host: "127.0.0.1", Port: s.Port, User: s.User, HasPassword: true})
	}
	lite := filepath.Join(t.TempDir(), "blog.sqlite")
	db, err := sql.Open("sqlite", lite)
	must(t, err)
	_, err = db.Exec("CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO posts(title) VALUES ('Été');")
	must(t, err)
	db.Close()
	e.acct.Databases = append(e.acct.Databases, account.Database{Name: prefix + "_lite", Subscription: "example.com",
		Engine: "sqlite", Path: lite})
	t.Cleanup(func() {
		for name, s := range servers {
			s.SQL("", "DROP DATABASE IF EXISTS "+name+"; DROP DATABASE IF EXISTS "+name+"_copy;")
		}
	})
	return e, servers, lite
}

// TestDatabasesRoundTrip backs up a PostgreSQL, a MariaDB and a SQLite database, drops them,
// restores them and compares them row for row; then restores one under a new name.
func TestDatabasesRoundTrip(t *testing.T) {
	e, servers, lite := dbEnv(t, "rt")
	want := map[string]string{}
	for name, s := range servers {
		want[name] = sqlOf(t, s, name, dbtest.Rows)
	}
	e.backup(e.spec(false))
	for name, s := range servers { // the second backup dumps every database whole again
		sqlOf(t, s, name, "INSERT INTO customers(name, city) VALUES ('Ærø', 'Odense');")
		want[name] = sqlOf(t, s, name, dbtest.Rows)
	}
	b := e.backup(e.spec(true))
	for name, s := range servers {
		sqlOf(t, s, "", "DROP DATABASE "+name+";")
	}
	must(t, os.Remove(lite))

	res := e.mustRestore(spec.Restore{Backup: b.Entry.Name})
	if len(res.Databases) != 3 {
		t.Errorf("restored databases %q", res.Databases)
	}
	for name, s := range servers {
		if got := sqlOf(t, s, name, dbtest.Rows); got != want[name] {
			t.Errorf("%s restored:\n%s\nwant\n%s", name, got, want[name])
		}
		// The sequence (auto-increment) goes on from where it was, and the trigger fires.
		got := sqlOf(t, s, name, "INSERT INTO customers(name, city) VALUES ('Ōsaka Noël', 'Paris');\n"+
			"SELECT id FROM customers WHERE name = 'Ōsaka Noël';\nSELECT COUNT(*) FROM audit WHERE note = 'créé Ōsaka Noël';\n")
		if got != "5\n1" {
			t.Errorf("%s after an insert: %q, want id 5 and its audit row", name, got)
		}
	}
	checkLite(t, lite)

	// One database under a new name, beside the original.
	e.mustRestore(spec.Restore{Backup: b.Entry.Name, Databases: []spec.DatabaseRestore{{Name: "rt_pg", As: "rt_pg_copy"}}})
	if got := sqlOf(t, pg, "rt_pg_copy", dbtest.Rows); got != want["rt_pg"] {
		t.Errorf("copy:\n%s\nwant\n%s", got, want["rt_pg"])
	}
}

// TestDatabaseOverwriteNeedsConfirmation: restoring over an existing database is refused
// before anything is written, and done once confirmed.
func TestDatabaseOverwriteNeedsConfirmation(t *testing.T) {
	e, _, _ := dbEnv(t, "ow")
	must(t, os.WriteFile(filepath.Join(e.roots["example.com"], "index.html"), []byte("v1"), 0o644))
	b := e.backup(e.spec(false))
	sqlOf(t, my, "ow_my", "DELETE FROM customers;")
	must(t, os.Remove(filepath.Join(e.roots["example.com"], "index.html")))

	_, err := e.restore(spec.Restore{Backup: b.Entry.Name})
	if !errors.Is(err, restore.ErrDatabaseExists) || !strings.Contains(err.Error(), "ow_my") || !strings.Contains(err.Error(), "--overwrite") {
		t.Fatalf("restore over existing databases: %v", err)
	}
	if _, err := os.Stat(filepath.Join(e.roots["example.com"], "index.html")); !os.IsNotExist(err) {
		t.Fatal("a refused restore wrote files")
	}
	e.mustRestore(spec.Restore{Backup: b.Entry.Name, Overwrite: true,
		Databases: []spec.DatabaseRestore{{Name: "ow_my"}}})
	if got := sqlOf(t, my, "ow_my", "SELECT COUNT(*) FROM customers;"); got != "3" {
		t.Errorf("%s customers after the restore", got)
	}
}

// TestDatabaseDumpsTo writes the dumps as files under --to, parts put together.
func TestDatabaseDumpsTo(t *testing.T) {
	e, _, _ := dbEnv(t, "to")
	b := e.backup(e.spec(false))
	to := t.TempDir()
	e.mustRestore(spec.Restore{Backup: b.Entry.Name, To: to, Databases: []spec.DatabaseRestore{{Name: "to_pg"}}})
	data, err := os.ReadFile(filepath.Join(to, "databases", "example.com", "to_pg.sql"))
	if err != nil || !strings.Contains(string(data), "PostgreSQL database dump complete") || !strings.Contains(string(data), "李小龍") {
		t.Fatalf("dump file: %v\n%.300s", err, data)
	}
}

func checkLite(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	must(t, err)
	defer db.Close()
	var title string
	if err := db.QueryRow("SELECT title FROM posts").Scan(&title); err != nil || title != "Été" {
		t.Errorf("sqlite restored: %q %v", title, err)
	}
}
