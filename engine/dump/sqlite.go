package dump

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"
	"modernc.org/sqlite"
)

// liteOpen opens a SQLite database file, waiting up to 10 s for a writer's lock.
func liteOpen(path string) (*sql.DB, error) {
	if !filepath.IsAbs(path) || strings.ContainsRune(path, '?') {
		return nil, fmt.Errorf("sqlite path %q: not absolute, or holds '?'", path)
	}
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

// liteDump copies the database with VACUUM INTO, which reads it in one transaction: a
// consistent copy while the site writes (a WAL database keeps writing meanwhile). The copy is
// a private temporary file no larger than the database, streamed to w, then removed.
func liteDump(ctx context.Context, path string, w io.Writer) error {
	st, err := liteFile(path)
	if err != nil {
		return err
	}
	s, err := newSession()
	if err != nil {
		return err
	}
	defer s.close()
	db, err := liteOpen(path)
	if err != nil {
		return err
	}
	defer db.Close()
	snap := filepath.Join(s.dir, "copy.sqlite")
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", snap); err != nil {
		return fmt.Errorf("sqlite: copy %s: %w", path, err)
	}
	if err := sameFile(path, st); err != nil {
		return err
	}
	db.Close()
	f, err := os.Open(snap)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
}

// litePath is where a restore writes: the database's file, or, under a new name, a file of
// that name beside it (with the same extension).
func litePath(t Target) string {
	if t.As == "" {
		return t.DB.Path
	}
	return filepath.Join(filepath.Dir(t.DB.Path), t.As+filepath.Ext(t.DB.Path))
}

func liteExists(t Target) (bool, error) {
	_, err := liteFile(litePath(t))
	if errors.Is(err, os.ErrNotExist) {
		return false, nil
	}
	return err == nil, err
}

// liteLoad writes the copy to a private temporary file and checks it. A new database is then
// written beside the target and renamed into place (owned like its directory); an existing
// one is replaced page by page through SQLite's backup API, which takes the database's lock
// and keeps its journal mode, so that a site that has it open sees either the old or the
// restored one. No link is followed on the target's path.
func liteLoad(ctx context.Context, t Target, r io.Reader) error {
	dst := litePath(t)
	s, err := newSession()
	if err != nil {
		return err
	}
	defer s.close()
	tmp := filepath.Join(s.dir, "restore.sqlite")
	if err := liteReceive(tmp, r); err != nil {
		return err
	}
	if err := liteCheck(ctx, tmp); err != nil {
		return err
	}
	dirfd, err := noLinkDir(filepath.Dir(dst))
	if err != nil {
		return err
	}
	defer unix.Close(dirfd)
	st, err := liteFile(dst)
	if errors.Is(err, os.ErrNotExist) {
		return installFile(dirfd, tmp, filepath.Base(dst))
	}
	if err != nil {
		return err
	}
	if err := liteRestore(ctx, dst, tmp); err != nil {
		return err
	}
	return sameFile(dst, st)
}

// liteReceive writes r to the new private file p.
func liteReceive(p string, r io.Reader) error {
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return fmt.Errorf("sqlite: write %s: %w", p, err)
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("sqlite: write %s: %w", p, err)
	}
	return nil
}

// liteCheck makes sure the received file is a sound SQLite database.
func liteCheck(ctx context.Context, p string) error {
	db, err := liteOpen(p)
	if err != nil {
		return err
	}
	defer db.Close()
	var res string
	if err := db.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		return fmt.Errorf("sqlite: the backed-up copy is not sound: %s %v", res, err)
	}
	return nil
}

// liteRestore copies src over the open database dst with the backup API.
func liteRestore(ctx context.Context, dst, src string) error {
	db, err := liteOpen(dst)
	if err != nil {
		return err
	}
	defer db.Close()
	c, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer c.Close()
	return c.Raw(func(dc any) error {
		rc, ok := dc.(interface {
			NewRestore(string) (*sqlite.Backup, error)
		})
		if !ok {
			return fmt.Errorf("sqlite: the driver has no backup API")
		}
		b, err := rc.NewRestore(src)
		if err != nil {
			return fmt.Errorf("sqlite: restore %s: %w", dst, err)
		}
		if _, err := b.Step(-1); err != nil {
			b.Finish()
			return fmt.Errorf("sqlite: restore %s: %w", dst, err)
		}
		return b.Finish()
	})
}
