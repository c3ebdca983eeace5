package dump

import (
	"context"
	"errors"
	"fmt"
	"io"

	"coffre/engine/account"
)

// Engines.
const (
	Postgres = "postgres"
	MySQL    = "mysql"
	SQLite   = "sqlite"
)

// Source is a database and the password to reach it ("" for none). The password only ever
// goes to a file of mode 0600 that the tool reads, removed once the tool has ended.
type Source struct {
	DB       account.Database
	Password string
}

// Errors callers branch on.
var (
	// ErrNoTool is wrapped when the engine's program is not installed on the host.
	ErrNoTool = errors.New("tool not installed")
	// ErrExists is wrapped when a restore would replace an existing database without leave.
	ErrExists = errors.New("database exists")
	// ErrEngine is wrapped for an engine this package does not know.
	ErrEngine = errors.New("unknown database engine")
)

// Ext is the file extension of an engine's dump: ".sql" (plain SQL: psql or mariadb load it
// without Coffre) or ".sqlite" (a SQLite database file, SQLite's own format).
func Ext(engine string) string {
	if engine == SQLite {
		return ".sqlite"
	}
	return ".sql"
}

// Dump writes a consistent dump of src to w and returns its size. The dump is streamed: it is
// never held whole in memory; a SQLite copy is made in a private temporary file as large as
// the database at most, removed before Dump returns. An error from the tool carries its own
// message; an error from w is returned as it is (errors.Is finds it).
func Dump(ctx context.Context, src Source, w io.Writer) (int64, error) {
	if err := ValidName(src.DB.Name); err != nil {
		return 0, err
	}
	cw := &counter{w: w}
	var err error
	switch src.DB.Engine {
	case Postgres:
		err = pgDump(ctx, src, cw)
	case MySQL:
		err = myDump(ctx, src, cw)
	case SQLite:
		err = liteDump(ctx, src.DB.Path, cw)
	default:
		err = fmt.Errorf("%w %q", ErrEngine, src.DB.Engine)
	}
	if err == nil {
		err = cw.err
	}
	return cw.n, err
}

// Target is where Load puts a dump: the database Source names, or the one named As.
type Target struct {
	Source
	As        string // a new name; "" for the database's own
	Overwrite bool   // replace the database if it exists (else ErrExists)
	// New says As names no database of the subscription: it must not exist, and is never
	// replaced (it may be another client's on the same server, or the server's own).
	New bool
}

// name is the database Load writes.
func (t Target) name() string {
	if t.As != "" {
		return t.As
	}
	return t.DB.Name
}

// Exists reports whether t's database (its own name, or As) exists.
func Exists(ctx context.Context, t Target) (bool, error) {
	if err := ValidName(t.name()); err != nil {
		return false, err
	}
	switch t.DB.Engine {
	case Postgres:
		return pgExists(ctx, t)
	case MySQL:
		return myExists(ctx, t)
	case SQLite:
		return liteExists(t)
	}
	return false, fmt.Errorf("%w %q", ErrEngine, t.DB.Engine)
}

// Load reads a dump made by Dump from r into t's database: created if missing; replaced if
// it exists and t.Overwrite, else nothing is done and the error wraps ErrExists.
func Load(ctx context.Context, t Target, r io.Reader) error {
	ok, err := Exists(ctx, t)
	if err != nil {
		return err
	}
	if ok && t.New {
		return fmt.Errorf("database %s: %w and is not a database of subscription %s: restore under a free name",
			t.name(), ErrExists, t.DB.Subscription)
	}
	if ok && !t.Overwrite {
		return fmt.Errorf("database %s: %w (confirm to replace it)", t.name(), ErrExists)
	}
	switch t.DB.Engine {
	case Postgres:
		return pgLoad(ctx, t, ok, r)
	case MySQL:
		return myLoad(ctx, t, ok, r)
	}
	return liteLoad(ctx, t, r)
}

// ValidName checks a database name: 1 to 64 letters, digits, '_' or '-', not starting with
// '-' (a name never reaches a tool as an option).
func ValidName(name string) error {
	ok := len(name) > 0 && len(name) <= 64 && name[0] != '-'
	for _, c := range []byte(name) {
		ok = ok && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-')
	}
	if !ok {
		return fmt.Errorf("invalid database name %q: use 1 to 64 letters, digits, '_' or '-'", name)
	}
	return nil
}

// counter counts what reaches w and keeps w's first error.
type counter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *counter) Write(p []byte) (int, error) {
	k, err := c.w.Write(p)
	c.n += int64(k)
	if err != nil && c.err == nil {
		c.err = err
	}
	return k, err
}
