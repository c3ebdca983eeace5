package dump

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"path/filepath"
	"sync/atomic"
	"testing"

	"coffre/engine/account"
)

func liteSource(path string) Source {
	return Source{DB: account.Database{Name: "blog", Subscription: "example.com", Engine: SQLite, Path: path}}
}

// TestSQLiteWhileWritten copies a WAL database that another goroutine keeps writing to: the
// restored copy is sound, holds every row committed before the copy began, and each
// transaction whole (the two tables always have as many rows).
func TestSQLiteWhileWritten(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "blog.db")
	db := openLite(t, path, "PRAGMA journal_mode=WAL; CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT); CREATE TABLE tags (id INTEGER PRIMARY KEY, post INT);")
	var committed atomic.Int64
	stop, done := make(chan struct{}), make(chan error, 1)
	go func() { done <- writeLoop(db, &committed, stop) }()
	for committed.Load() < 50 { // let the writer run first
	}
	before := committed.Load()
	var dump bytes.Buffer
	_, err := Dump(ctx, liteSource(path), &dump)
	close(stop)
	if werr := <-done; werr != nil {
		t.Fatal(werr)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := Load(ctx, Target{Source: liteSource(path), As: "restored"}, &dump); err != nil {
		t.Fatal(err)
	}
	copyDB := openLite(t, filepath.Join(filepath.Dir(path), "restored.db"), "")
	var check string
	var posts, tags int64
	if err := copyDB.QueryRow("PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Fatalf("integrity_check: %q %v", check, err)
	}
	copyDB.QueryRow("SELECT COUNT(*) FROM posts").Scan(&posts)
	copyDB.QueryRow("SELECT COUNT(*) FROM tags").Scan(&tags)
	if posts != tags || posts < before || posts > committed.Load() {
		t.Fatalf("restored %d posts, %d tags; %d committed before the copy, %d in all", posts, tags, before, committed.Load())
	}
}

func openLite(t *testing.T, path, script string) *sql.DB {
	t.Helper()
	db, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if script != "" {
		if _, err := db.Exec(script); err != nil {
			t.Fatal(err)
		}
	}
	return db
}

// writeLoop commits a post and its tag in one transaction, again and again until stop.
func writeLoop(db *sql.DB, committed *atomic.Int64, stop chan struct{}) error {
	for {
		select {
		case <-stop:
			return nil
		default:
		}
		tx, err := db.Begin()
		if err != nil {
			return err
		}
		res, err := tx.Exec("INSERT INTO posts(title) VALUES ('Été à Zürich')")
		if err != nil {
			tx.Rollback()
			return err
		}
		id, _ := res.LastInsertId()
		if _, err := tx.Exec("INSERT INTO tags(post) VALUES (?)", id); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		committed.Add(1)
	}
}

// TestSQLiteOverwrite replaces an open database through the backup API, only when told.
func TestSQLiteOverwrite(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "shop.sqlite")
	db := openLite(t, path, "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('before');")
	var dump bytes.Buffer
	if _, err := Dump(ctx, liteSource(path), &dump); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec("UPDATE t SET v = 'after'"); err != nil {
		t.Fatal(err)
	}
	if err := Load(ctx, Target{Source: liteSource(path)}, bytes.NewReader(dump.Bytes())); !errors.Is(err, ErrExists) {
		t.Fatalf("without overwrite: %v", err)
	}
	if err := Load(ctx, Target{Source: liteSource(path), Overwrite: true}, bytes.NewReader(dump.Bytes())); err != nil {
		t.Fatal(err)
	}
	var v string
	if err := db.QueryRow("SELECT v FROM t").Scan(&v); err != nil || v != "before" {
		t.Fatalf("the open database reads %q %v", v, err)
	}
}
