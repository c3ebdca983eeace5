package dump

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"

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
	if fi, err := os.Stat(path); err != nil || !fi.Mode().IsRegular() {
		return fmt.Errorf("sqlite database %s: not a regular file (%v)", path, err)
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
	fi, err := os.Lstat(litePath(t))
	switch {
	case os.IsNotExist(err):
		return false, nil
	case err != nil:
		return false, err
	case !fi.Mode().IsRegular():
		return false, fmt.Errorf("sqlite database %s: not a regular file", litePath(t))
	}
	return true, nil
}

// liteLoad writes the copy to a temporary file beside the target and checks it. A new
// database is then renamed into place (owned like its directory); an existing one is replaced
// page by page through SQLite's backup API, which takes the database's lock and keeps its
// journal mode, so that a site that has it open sees either the old or the restored one.
func liteLoad(ctx context.Context, t Target, r io.Reader) error {
	dst := litePath(t)
	tmp, err := liteReceive(dst, r)
	if err != nil {
		return err
	}
	defer os.Remove(tmp)
	if err := liteCheck(ctx, tmp); err != nil {
		return err
	}
	exists, err := liteExists(t)
	if err != nil {
		return err
	}
	if !exists {
		return os.Rename(tmp, dst)
	}
	return liteRestore(ctx, dst, tmp)
}

// liteReceive writes r to a new file beside dst, owned like dst's directory.
func liteReceive(dst string, r io.Reader) (string, error) {
	dir := filepath.Dir(dst)
	f, err := os.CreateTemp(dir, ".coffre-restore-*")
	if err != nil {
		return "", err
	}
	_, err = io.Copy(f, r)
	if err == nil {
		err = f.Chmod(0o640)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = chownLike(f.Name(), dir)
	}
	if err != nil {
		os.Remove(f.Name())
		return "", fmt.Errorf("sqlite: write %s: %w", f.Name(), err)
	}
	return f.Name(), nil
}

func chownLike(p, dir string) error {
	fi, err := os.Stat(dir)
	if err != nil || os.Geteuid() != 0 {
		return err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	return os.Chown(p, int(st.Uid), int(st.Gid))
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
