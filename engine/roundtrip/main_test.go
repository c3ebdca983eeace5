package roundtrip

import (
	"os"
	"testing"

	"coffre/internal/dbtest"
)

// The database servers of the package's tests, started once (a server that cannot start fails
// the package: it is never skipped).
var pg, my *dbtest.Server

func TestMain(m *testing.M) { os.Exit(dbtest.Main(m, &pg, &my)) }
