package dump

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// The path of a client's SQLite database is in its webspace, where the client plants links:
// Coffre (root) neither reads another file through one (another client's database, a system
// file) nor writes through one.
func TestSQLiteLinksNeverFollowed(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	other := filepath.Join(dir, "other")
	site := filepath.Join(dir, "site")
	os.Mkdir(other, 0o755)
	os.Mkdir(site, 0o755)
	victim := filepath.Join(other, "secret.db")
	vdb := openLite(t, victim, "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('bob''s secret');")
	own := filepath.Join(site, "blog.db")
	openLite(t, own, "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('alice');")
	var good bytes.Buffer
	if _, err := Dump(ctx, liteSource(own), &good); err != nil {
		t.Fatal(err)
	}
	os.Symlink(victim, filepath.Join(site, "link.db")) // the file is a link
	os.Symlink(other, filepath.Join(site, "data"))     // a directory of the path is a link
	for _, p := range []string{filepath.Join(site, "link.db"), filepath.Join(site, "data", "secret.db")} {
		var out bytes.Buffer
		if _, err := Dump(ctx, liteSource(p), &out); err == nil || bytes.Contains(out.Bytes(), []byte("bob's secret")) {
			t.Errorf("dump of %s read through a link: %v, %d bytes", p, err, out.Len())
		}
		err := Load(ctx, Target{Source: liteSource(p), Overwrite: true}, bytes.NewReader(good.Bytes()))
		if err == nil {
			t.Errorf("load into %s wrote through a link", p)
		}
		err = Load(ctx, Target{Source: liteSource(p), As: "planted"}, bytes.NewReader(good.Bytes()))
		if _, serr := os.Lstat(filepath.Join(other, "planted.db")); serr == nil || filepath.Base(filepath.Dir(p)) == "data" && err == nil {
			t.Errorf("load as a new database beside %s: %v; written in the other directory: %v", p, err, serr == nil)
		}
	}
	var v string
	if err := vdb.QueryRow("SELECT v FROM t").Scan(&v); err != nil || v != "bob's secret" {
		t.Fatalf("the other database reads %q %v", v, err)
	}
	if ents, _ := os.ReadDir(other); len(ents) != 1 {
		t.Errorf("files added in the other directory: %v", ents)
	}
}

// Links planted at a database's -wal, -shm or -journal name are not written through (SQLite
// opens them without following a link): the backup fails, the targets are untouched.
func TestSQLiteSidecarLinks(t *testing.T) {
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		dir := t.TempDir()
		p := filepath.Join(dir, "blog.db")
		mode := "WAL"
		if side == "-journal" {
			mode = "DELETE"
		}
		db := openLite(t, p, "PRAGMA journal_mode="+mode+"; CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('x');")
		db.Close()
		victim := filepath.Join(dir, "victim")
		os.WriteFile(victim, []byte("root:x:0:0:root:/root:/bin/bash\n"), 0o644)
		os.Remove(p + side)
		os.Symlink(victim, p+side)
		os.Symlink(filepath.Join(dir, "made"), p+"-wal")
		Dump(context.Background(), liteSource(p), io.Discard)
		if data, _ := os.ReadFile(victim); string(data) != "root:x:0:0:root:/root:/bin/bash\n" {
			t.Errorf("%s: written through the link: %q", side, data)
		}
		if _, err := os.Stat(filepath.Join(dir, "made")); err == nil {
			t.Errorf("%s: a file made through a dangling link", side)
		}
	}
}
