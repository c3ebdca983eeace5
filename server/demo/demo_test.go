package demo

import (
	"bytes"
	"context"
	"encoding/binary"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"

	"coffre/engine/account"
	"coffre/server/store"
)

// The demo is seeded once for the package's tests (creating its files takes a second on a slow
// disk); tests only read it, but for the second Seed that must change nothing.
var (
	seedOnce sync.Once
	seedDir  string
	seedSt   *store.Store
	seedErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if seedDir != "" {
		os.RemoveAll(seedDir)
	}
	os.Exit(code)
}

func seeded(t *testing.T) *store.Store {
	t.Helper()
	seedOnce.Do(func() {
		if seedDir, seedErr = os.MkdirTemp("", "coffre-demo-test"); seedErr != nil {
			return
		}
		if seedSt, seedErr = store.Open(filepath.Join(seedDir, "data"), store.Options{}); seedErr == nil {
			_, seedErr = Seed(context.Background(), seedSt)
		}
	})
	if seedErr != nil {
		t.Fatal(seedErr)
	}
	return seedSt
}

// snapshot lists every path under dir with its size, mode and mtime.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err == nil && !d.IsDir() {
			m[p] = fi.Mode().String() + fi.ModTime().String() + string(rune(fi.Size()))
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestSeedIsIdempotent(t *testing.T) {
	st := seeded(t)
	before, files := dump(t, st), snapshot(t, st.Dir())
	if _, err := Seed(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	if after := dump(t, st); !reflect.DeepEqual(before, after) {
		t.Errorf("a second seed changed the store:\n%+v\n%+v", before, after)
	}
	if again := snapshot(t, st.Dir()); !reflect.DeepEqual(files, again) {
		t.Errorf("a second seed changed the files: %d then %d", len(files), len(again))
	}
}

func dump(t *testing.T, st *store.Store) []account.Account {
	var all []account.Account
	for _, login := range []string{"acme", "bistro", "atelier"} {
		a, err := st.Account(login)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, a)
	}
	return all
}

func TestDemoClients(t *testing.T) {
	st := seeded(t)
	all := dump(t, st)
	acme, bistro, atelier := all[0], all[1], all[2]
	if acme.Client.Rights != account.AllRights || len(acme.Domains) != 2 {
		t.Errorf("acme: rights %+v, %d domains; want every right and two domains", acme.Client.Rights, len(acme.Domains))
	}
	r := bistro.Client.Rights
	if r.FTPStorage || r.AccountBackup || !r.ServerStorage {
		t.Errorf("bistro rights = %+v, want websites only on the server storage", r)
	}
	if len(atelier.Subscriptions) != 2 {
		t.Errorf("atelier has %d subscriptions, want 2", len(atelier.Subscriptions))
	}
}

func TestWebspaceContent(t *testing.T) {
	st := seeded(t)
	sub, _ := st.Subscription("acme.example")
	kinds := map[string]int{}
	filepath.WalkDir(filepath.Join(sub.Root, "httpdocs"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			kinds[filepath.Ext(p)]++
		}
		return err
	})
	total := 0
	for _, n := range kinds {
		total += n
	}
	if total < 200 || kinds[".html"] == 0 || kinds[".php"] == 0 || kinds[".css"] == 0 || kinds[".js"] == 0 {
		t.Errorf("document root: %d files %v, want a few hundred of several kinds", total, kinds)
	}
	checkPrefix(t, filepath.Join(sub.Root, "httpdocs/images/photo-001.jpg"), "\xff\xd8\xff")
	checkPrefix(t, filepath.Join(sub.Root, "httpdocs/images/icons/icon-01.png"), "\x89PNG\r\n\x1a\n")
	for _, p := range []string{"logs/access_log", "logs/error_log", "logs/php-fpm.log", "logs/access_log.1.gz",
		"httpdocs/app/logs/app.log", "httpdocs/app/logs/error.log"} {
		checkPrefix(t, filepath.Join(sub.Root, p), "")
	}
	if entries, err := os.ReadDir(filepath.Join(sub.Root, "httpdocs/app/cache")); err != nil || len(entries) < 5 {
		t.Errorf("nested cache: %d entries, %v", len(entries), err)
	}
	if target, err := os.Readlink(filepath.Join(sub.Root, "httpdocs/latest")); err != nil || strings.HasPrefix(target, "/") {
		t.Errorf("latest link -> %q, %v: want a relative link inside the site", target, err)
	}
}

func checkPrefix(t *testing.T, path, prefix string) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil || len(data) == 0 || !bytes.HasPrefix(data, []byte(prefix)) {
		t.Errorf("%s: %d bytes, %v; want a non-empty file starting with %q", path, len(data), err, prefix)
	}
}

func TestMaildir(t *testing.T) {
	st := seeded(t)
	a, _ := st.Account("acme")
	md := a.Mailboxes[0].Maildir
	count := func(d string) int {
		e, err := os.ReadDir(filepath.Join(md, d))
		if err != nil {
			t.Fatal(err)
		}
		return len(e)
	}
	if count("cur") == 0 || count("new") == 0 || count("tmp") != 0 {
		t.Errorf("Maildir %s: cur %d new %d tmp %d", md, count("cur"), count("new"), count("tmp"))
	}
	e, _ := os.ReadDir(filepath.Join(md, "cur"))
	data, _ := os.ReadFile(filepath.Join(md, "cur", e[0].Name()))
	if !strings.HasSuffix(e[0].Name(), ":2,S") || !bytes.Contains(data, []byte("\r\nSubject: ")) || !bytes.Contains(data, []byte("\r\n\r\n")) {
		t.Errorf("message %s:\n%s", e[0].Name(), data)
	}
}

func TestSQLiteDatabases(t *testing.T) {
	st := seeded(t)
	for _, login := range []string{"acme", "bistro", "atelier"} {
		a, _ := st.Account(login)
		if len(a.Databases) != 1 {
			t.Fatalf("%s: %d databases", login, len(a.Databases))
		}
		data, err := os.ReadFile(a.Databases[0].Path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(data, []byte("SQLite format 3\x00")) || len(data) != 2*sqlitePageSize {
			t.Fatalf("%s: not a two-page SQLite file", a.Databases[0].Path)
		}
		pages := binary.BigEndian.Uint32(data[28:])
		schema := data[100:]
		rows := binary.BigEndian.Uint16(data[sqlitePageSize+3:])
		if pages != 2 || schema[0] != 0x0d || binary.BigEndian.Uint16(schema[3:]) != 1 || rows == 0 {
			t.Errorf("%s: pages %d, schema type %x, rows %d", login, pages, schema[0], rows)
		}
		if !bytes.Contains(data[:sqlitePageSize], []byte("CREATE TABLE "+a.Databases[0].Name)) {
			t.Errorf("%s: sqlite_schema lacks the table", login)
		}
	}
}

func TestRecordEncoding(t *testing.T) {
	tests := []struct {
		values []any
		want   []byte
	}{
		{[]any{nil, int64(0), int64(1)}, []byte{4, 0, 8, 9}},
		{[]any{int64(-1), "ab"}, []byte{3, 1, 17, 0xff, 'a', 'b'}},
		{[]any{int64(300)}, []byte{2, 2, 1, 44}},
		{[]any{1.5}, []byte{2, 7, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0}},
	}
	for _, tt := range tests {
		if got := record(tt.values); !bytes.Equal(got, tt.want) {
			t.Errorf("record(%v) = %x, want %x", tt.values, got, tt.want)
		}
	}
	for v, want := range map[uint64][]byte{0: {0}, 127: {0x7f}, 128: {0x81, 0}, 16384: {0x81, 0x80, 0}} {
		if got := varint(v); !bytes.Equal(got, want) {
			t.Errorf("varint(%d) = %x, want %x", v, got, want)
		}
	}
}
