package dump

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// myDumpArgs are mariadb-dump's (or mysqldump's) options after --defaults-extra-file, and why:
//   - --single-transaction: one consistent snapshot of InnoDB tables without locking them
//     (it turns --lock-tables off, so the site keeps writing);
//   - --no-tablespaces: else a per-site user needs the PROCESS privilege (MySQL 5.7.31+);
//   - --routines --events --triggers: the whole database (triggers are on by default; said
//     anyway);
//   - --hex-blob, --default-character-set=utf8mb4: binary and non-ASCII data reload unchanged.
var myDumpArgs = []string{"--single-transaction", "--no-tablespaces", "--routines", "--events",
	"--triggers", "--hex-blob", "--default-character-set=utf8mb4"}

// myDefaults writes the [client] options file (mode 0600) that carries the connection and the
// password; its --defaults-extra-file option must come first on the tool's command line.
func myDefaults(s *session, src Source) (string, error) {
	d := src.DB
	var b strings.Builder
	b.WriteString("[client]\n")
	if d.Host != "" {
		fmt.Fprintf(&b, "host=%s\n", myQuote(d.Host))
	}
	if d.Port != 0 {
		fmt.Fprintf(&b, "port=%d\n", d.Port)
	}
	if d.User != "" {
		fmt.Fprintf(&b, "user=%s\n", myQuote(d.User))
	}
	if src.Password != "" {
		if strings.ContainsAny(src.Password, "\n\r") {
			return "", fmt.Errorf("the password of %s holds a line break", d.Name)
		}
		fmt.Fprintf(&b, "password=%s\n", myQuote(src.Password))
	}
	p, err := s.secret("my.cnf", b.String())
	if err != nil {
		return "", err
	}
	return "--defaults-extra-file=" + p, nil
}

// myQuote quotes an option file value (backslash and double quote escaped).
func myQuote(v string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(v) + `"`
}

func myDump(ctx context.Context, src Source, w io.Writer) error {
	prog, err := look("mariadb-dump", "mysqldump")
	if err != nil {
		return err
	}
	s, err := newSession()
	if err != nil {
		return err
	}
	defer s.close()
	def, err := myDefaults(s, src)
	if err != nil {
		return err
	}
	args := append(append([]string{def}, myDumpArgs...), src.DB.Name)
	return run(ctx, s.env(), nil, w, prog, args...)
}

// mysql runs the client on the script from in, in database db ("" for none), and returns its
// batch output.
func mysql(ctx context.Context, t Target, db string, in io.Reader) (string, error) {
	prog, err := look("mariadb", "mysql")
	if err != nil {
		return "", err
	}
	s, err := newSession()
	if err != nil {
		return "", err
	}
	defer s.close()
	def, err := myDefaults(s, t.Source)
	if err != nil {
		return "", err
	}
	// --binary-mode: no client command of the dump runs (\! system, tee, source...), only SQL;
	// --local-infile=0: LOAD DATA LOCAL never reads a file of this host, whatever the host's
	// option files say.
	args := []string{def, "--batch", "--skip-column-names", "--default-character-set=utf8mb4", "--binary-mode",
		"--local-infile=0"}
	if db != "" {
		args = append(args, "--database="+db)
	}
	var out bytes.Buffer
	err = run(ctx, s.env(), in, &out, prog, args...)
	return strings.TrimSpace(out.String()), err
}

func myExists(ctx context.Context, t Target) (bool, error) {
	// The name passed ValidName: letters, digits, '_' and '-' only.
	q := "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + t.name() + "';\n"
	out, err := mysql(ctx, t, "", strings.NewReader(q))
	if err != nil {
		return false, err
	}
	n, err := strconv.Atoi(out)
	return n > 0, err
}

// myLoad (re)creates the database and loads the dump into it. MySQL cannot rename a database,
// so an existing one is dropped first: it is dumped beforehand into a private file, and put
// back from it when the new dump does not load, so that a failed restore loses nothing.
func myLoad(ctx context.Context, t Target, exists bool, r io.Reader) error {
	if !exists {
		return myReplace(ctx, t, false, r)
	}
	old, err := myKeep(ctx, t)
	if err != nil {
		return fmt.Errorf("keep a copy of database %s before replacing it: %w", t.name(), err)
	}
	defer os.RemoveAll(filepath.Dir(old.Name()))
	defer old.Close()
	err = myReplace(ctx, t, true, r)
	if err == nil {
		return nil
	}
	if _, serr := old.Seek(0, io.SeekStart); serr != nil {
		return errors.Join(err, serr)
	}
	if perr := myReplace(context.WithoutCancel(ctx), t, true, old); perr != nil {
		return fmt.Errorf("%w; putting the old database back failed too: %w", err, perr)
	}
	return fmt.Errorf("%w (the database was put back as it was)", err)
}

// myReplace drops the database if it exists, creates it and loads r into it.
func myReplace(ctx context.Context, t Target, exists bool, r io.Reader) error {
	q := "CREATE DATABASE `" + t.name() + "` CHARACTER SET utf8mb4;\n"
	if exists {
		q = "DROP DATABASE `" + t.name() + "`;\n" + q
	}
	if _, err := mysql(ctx, t, "", strings.NewReader(q)); err != nil {
		return err
	}
	_, err := mysql(ctx, t, t.name(), r)
	return err
}

// myKeep dumps the database t names into a file of mode 0600 in a private directory (the
// caller removes both).
func myKeep(ctx context.Context, t Target) (*os.File, error) {
	dir, err := os.MkdirTemp("", "coffre-keep-")
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(filepath.Join(dir, "old.sql"), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o600)
	if err == nil {
		src := t.Source
		src.DB.Name = t.name()
		err = myDump(ctx, src, f)
	}
	if err != nil {
		if f != nil {
			f.Close()
		}
		os.RemoveAll(dir)
		return nil, err
	}
	return f, nil
}
