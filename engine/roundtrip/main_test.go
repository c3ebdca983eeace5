package roundtrip

import (
	"fmt"
	"os"
	"testing"

	"coffre/internal/dbtest"
)

// The database servers of the package's tests, started once. A server that cannot start fails
// the package: it is never skipped.
var pg, my *dbtest.Server

func TestMain(m *testing.M) {
	var err error
	if pg, err = dbtest.Postgres(); err != nil {
		fmt.Fprintln(os.Stderr, "start PostgreSQL:", err)
		os.Exit(1)
	}
	if my, err = dbtest.MariaDB(); err != nil {
		pg.Stop()
		fmt.Fprintln(os.Stderr, "start MariaDB:", err)
		os.Exit(1)
	}
	code := m.Run()
	pg.Stop()
	my.Stop()
	os.Exit(code)
}
