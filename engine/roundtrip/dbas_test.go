package roundtrip

import (
	"strings"
	"testing"

	"coffre/engine/spec"
)

// A client restores one of its databases under a new name: never onto a database that exists
// and is not one of its subscription's (another client's on the same server, or the server's
// own), even with --overwrite, whatever rights the database's user has.
func TestDatabaseAsNeverReplacesAnother(t *testing.T) {
	e, _, _ := dbEnv(t, "as")
	b := e.backup(e.spec(false))
	for _, c := range []struct{ db, as string }{{"as_pg", "as_bobs"}, {"as_my", "as_bobs"}, {"as_pg", "template1"}, {"as_my", "mysql"}} {
		s := pg
		if strings.HasSuffix(c.db, "_my") {
			s = my
		}
		if c.as == "as_bobs" {
			sqlOf(t, s, "", "CREATE DATABASE as_bobs;")
			sqlOf(t, s, "as_bobs", "CREATE TABLE secret (v TEXT); INSERT INTO secret VALUES ('bob');")
		}
		_, err := e.restore(spec.Restore{Backup: b.Entry.Name, Overwrite: true,
			Databases: []spec.DatabaseRestore{{Name: c.db, As: c.as}}})
		if err == nil || !strings.Contains(err.Error(), c.as) {
			t.Errorf("%s restored as %s: %v", c.db, c.as, err)
		}
		if c.as == "as_bobs" {
			if got, err := s.SQL("as_bobs", "SELECT v FROM secret;"); err != nil || got != "bob" {
				t.Errorf("%s: the other database reads %q %v", s.Engine, got, err)
			}
			sqlOf(t, s, "", "DROP DATABASE as_bobs;")
		}
	}
	// Under a name of its own subscription's, or a free one, it goes on as before.
	e.mustRestore(spec.Restore{Backup: b.Entry.Name, Overwrite: true, Databases: []spec.DatabaseRestore{{Name: "as_pg", As: "as_pg"}}})
}
