package dump

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// pgDumpArgs are pg_dump's options, and why:
//   - plain SQL: psql loads it without Coffre, into a database of any name (no CREATE DATABASE);
//   - one snapshot, taken by pg_dump itself: consistent, and writers are never blocked;
//   - --lock-wait-timeout: give up rather than queue behind an exclusive lock (and block the
//     site's queries queued behind pg_dump's own lock request);
//   - --no-owner --no-privileges: the dump loads as the database's own user, who may not be
//     able to give objects to other roles;
//   - -w: never prompt; the password comes from PGPASSFILE.
var pgDumpArgs = []string{"-w", "--format=plain", "--encoding=UTF8", "--no-owner", "--no-privileges",
	"--lock-wait-timeout=60s"}

// pgConn are the connection options of every PostgreSQL tool; the password goes to a
// PGPASSFILE of mode 0600 (PGPASSWORD would show in /proc/PID/environ).
func pgConn(s *session, src Source) (args, env []string, err error) {
	d := src.DB
	if d.Host != "" {
		args = append(args, "--host="+d.Host)
	}
	if d.Port != 0 {
		args = append(args, "--port="+strconv.Itoa(d.Port))
	}
	if d.User != "" {
		args = append(args, "--username="+d.User)
	}
	env = s.env("PGCONNECT_TIMEOUT=20", "PGAPPNAME=coffre")
	if src.Password == "" {
		return args, append(env, "PGPASSFILE=/dev/null"), nil
	}
	if strings.ContainsAny(src.Password, "\n\r") {
		return nil, nil, fmt.Errorf("the password of %s holds a line break", d.Name)
	}
	p, err := s.secret("pgpass", "*:*:*:*:"+pgpassEscape(src.Password)+"\n")
	if err != nil {
		return nil, nil, err
	}
	return args, append(env, "PGPASSFILE="+p), nil
}

func pgpassEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `:`, `\:`).Replace(s)
}

func pgDump(ctx context.Context, src Source, w io.Writer) error {
	prog, err := look("pg_dump")
	if err != nil {
		return err
	}
	s, err := newSession()
	if err != nil {
		return err
	}
	defer s.close()
	conn, env, err := pgConn(s, src)
	if err != nil {
		return err
	}
	args := append(append(append([]string{}, pgDumpArgs...), conn...), "--dbname="+src.DB.Name)
	return run(ctx, env, nil, w, prog, args...)
}

// psql runs a psql script (from stdin, so that :'var' interpolation works) in database db and
// returns its unaligned output.
func psql(ctx context.Context, t Target, db, script string, vars ...string) (string, error) {
	prog, err := look("psql")
	if err != nil {
		return "", err
	}
	s, err := newSession()
	if err != nil {
		return "", err
	}
	defer s.close()
	conn, env, err := pgConn(s, t.Source)
	if err != nil {
		return "", err
	}
	args := append([]string{"-X", "-q", "-A", "-t", "-w", "-v", "ON_ERROR_STOP=1"}, conn...)
	for _, v := range vars {
		args = append(args, "-v", v)
	}
	var out bytes.Buffer
	err = run(ctx, env, strings.NewReader(script), &out, prog, append(args, "--dbname="+db)...)
	return strings.TrimSpace(out.String()), err
}

func pgExists(ctx context.Context, t Target) (bool, error) {
	out, err := psql(ctx, t, "postgres", "SELECT 1 FROM pg_database WHERE datname = :'n';\n", "n="+t.name())
	return out == "1", err
}

// pgLoad loads the dump into a new database beside the target, then, once it loaded whole,
// drops the old one (when there is one) and gives the new one its name: a failed load leaves
// the existing database as it was.
func pgLoad(ctx context.Context, t Target, exists bool, r io.Reader) error {
	name := t.name()
	tmp := name
	if exists {
		tmp = tempName(name) // a fresh name: CREATE DATABASE fails rather than reuse another's
	}
	if _, err := psql(ctx, t, "postgres", "CREATE DATABASE :\"n\";\n", "n="+tmp); err != nil {
		return err
	}
	if err := pgRun(ctx, t, tmp, r); err != nil {
		psql(context.WithoutCancel(ctx), t, "postgres", "DROP DATABASE IF EXISTS :\"n\";\n", "n="+tmp)
		return err
	}
	if !exists {
		return nil
	}
	_, err := psql(ctx, t, "postgres", "DROP DATABASE :\"n\" WITH (FORCE);\nALTER DATABASE :\"tmp\" RENAME TO :\"n\";\n",
		"n="+name, "tmp="+tmp)
	return err
}

// pgRun feeds the dump to psql, in one transaction that stops at the first error, with
// no backslash command allowed (see pgRestricted).
func pgRun(ctx context.Context, t Target, db string, r io.Reader) error {
	prog, err := look("psql")
	if err != nil {
		return err
	}
	s, err := newSession()
	if err != nil {
		return err
	}
	defer s.close()
	conn, env, err := pgConn(s, t.Source)
	if err != nil {
		return err
	}
	in, err := pgRestricted(r)
	if err != nil {
		return err
	}
	args := append([]string{"-X", "-q", "-w", "-v", "ON_ERROR_STOP=1", "--single-transaction"}, conn...)
	return run(ctx, env, in, io.Discard, prog, append(args, "--dbname="+db)...)
}

// tempName is the name a database is loaded under before it replaces name: name (cut to fit
// PostgreSQL's 63 bytes) and a random suffix, so that it is no other database's name, which a
// failed load would drop.
func tempName(name string) string {
	b := make([]byte, 6)
	rand.Read(b)
	suffix := "_coffre_" + hex.EncodeToString(b)
	if len(name) > 63-len(suffix) {
		name = name[:63-len(suffix)]
	}
	return name + suffix
}
