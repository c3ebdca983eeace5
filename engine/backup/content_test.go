package backup

import (
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	_ "modernc.org/sqlite"

	"coffre/engine/account"
	"coffre/engine/spec"
	"coffre/internal/testtree"
)

// withMailAndDatabases gives a.example a mailbox with a message and a SQLite database.
func withMailAndDatabases(t *testing.T, e *env) {
	testtree.Build(t, e.root("a.example"), []testtree.Item{{Path: "httpdocs/index.php", Data: "<?php"}})
	maildir := filepath.Join(e.dir, "mail", "info")
	testtree.Build(t, maildir, []testtree.Item{{Path: "cur/1.M1.host:2,S", Data: "From: a\r\n\r\nhi"},
		{Path: "new/2.M2.host", Data: "From: b\r\n\r\nho"}, {Path: "tmp", Kind: testtree.Dir}})
	e.acct.Mailboxes = []account.Mailbox{{Address: "info@a.example", Subscription: "a.example", Maildir: maildir}}
	dbPath := filepath.Join(e.dir, "db", "blog.sqlite")
	must(t, os.MkdirAll(filepath.Dir(dbPath), 0o755))
	db, err := sql.Open("sqlite", dbPath)
	must(t, err)
	_, err = db.Exec("CREATE TABLE posts (title TEXT); INSERT INTO posts VALUES ('Noël');")
	must(t, err)
	db.Close()
	e.acct.Databases = []account.Database{{Name: "blog", Subscription: "a.example", Engine: "sqlite", Path: dbPath}}
}

// parts names what an archive holds: each config file, and "files", "mail", "databases".
func parts(names []string) []string {
	set := map[string]bool{}
	for _, n := range names {
		top, _, _ := strings.Cut(n, "/")
		switch top {
		case "config":
			set[n] = true
		case "files", "mail", "databases":
			set[top] = true
		}
	}
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestContentOptions: each combination of the form's content choices yields an archive that
// holds exactly what was chosen, and a manifest that records exactly that.
func TestContentOptions(t *testing.T) {
	base := []string{"config/account.json", "config/domains.json", "config/subscriptions.json"}
	cases := []struct {
		name             string
		configOnly, mail bool
		files            bool
		want             []string
		dbs, mailboxes   int
	}{
		{"configuration only", true, false, false, append(base, "config/databases.json", "config/mailboxes.json"), 0, 0},
		{"mail", false, true, false, append(base, "config/mailboxes.json", "mail"), 0, 1},
		{"files and databases", false, false, true, append(base, "config/databases.json", "databases", "files"), 1, 0},
		{"mail, files and databases", false, true, true,
			append(base, "config/databases.json", "config/mailboxes.json", "databases", "files", "mail"), 1, 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			withMailAndDatabases(t, e)
			sp := spec.Backup{Client: "acme", Scope: spec.ScopeAccount, ConfigOnly: c.configOnly, Mail: c.mail,
				Files: c.files, Storage: spec.StorageServer}
			must(t, sp.Validate())
			res := e.run(sp)
			order, _ := e.readBack(res.Entry.Name)
			want := slices.Clone(c.want)
			sort.Strings(want)
			if got := parts(order); !slices.Equal(got, want) {
				t.Errorf("archive holds %q, want %q", got, want)
			}
			cap := e.manifest(res.Entry.Name).Captured
			if cap == nil || cap.Files != c.files || cap.Mail != c.mail || cap.Databases != c.files ||
				len(cap.DBs) != c.dbs || len(cap.Mailboxes) != c.mailboxes {
				t.Fatalf("manifest records %+v", cap)
			}
			if c.mailboxes > 0 && cap.Mailboxes[0].Messages != 2 {
				t.Errorf("mailbox recorded with %d messages, want 2", cap.Mailboxes[0].Messages)
			}
			if c.dbs > 0 && (!cap.DBs[0].Dumped() || cap.DBs[0].Size == 0 || cap.DBs[0].Engine != "sqlite") {
				t.Errorf("database recorded as %+v", cap.DBs[0])
			}
			if c.files && cap.WebFiles != 1 {
				t.Errorf("%d web files recorded, want 1", cap.WebFiles)
			}
			if res.Entry.Captured == nil {
				t.Error("the catalog entry does not carry the record")
			}
		})
	}
}

// TestDatabaseFailureIsAWarning: a database that cannot be dumped is a warning naming it with
// the tool's message, recorded in its place; the rest of the backup is kept.
func TestDatabaseFailureIsAWarning(t *testing.T) {
	e := newEnv(t)
	withMailAndDatabases(t, e)
	e.acct.Databases = append(e.acct.Databases, account.Database{Name: "shop", Subscription: "a.example",
		Engine: "postgres", Host: "127.0.0.1", Port: 1, User: "shop"})
	res := e.run(e.spec(false))
	if res.Warnings != 1 || len(e.warns) != 1 || e.warns[0].Code != "database_not_dumped" ||
		e.warns[0].Path != "databases/a.example/shop.sql" || !strings.Contains(e.warns[0].Err, "pg_dump") {
		t.Fatalf("warnings %d %+v", res.Warnings, e.warns)
	}
	dbs := e.manifest(res.Entry.Name).Captured.DBs
	if len(dbs) != 2 || !dbs[0].Dumped() || dbs[1].Dumped() || !strings.Contains(dbs[1].Warning, "refused") {
		t.Fatalf("databases recorded %+v", dbs)
	}
	order, _ := e.readBack(res.Entry.Name)
	if !slices.Contains(order, "databases/a.example/blog.sqlite") || slices.Contains(order, "databases/a.example/shop.sql") {
		t.Errorf("archive holds %q", order)
	}
}

// TestLargeDumpInParts: a dump larger than a part is stored as numbered parts that put
// together give the database back.
func TestLargeDumpInParts(t *testing.T) {
	e := newEnv(t)
	withMailAndDatabases(t, e)
	res, err := Run(t.Context(), Options{Account: e.acct, Spec: e.spec(false), Storage: e.st, HostKey: e.key,
		DumpPart: 1000})
	must(t, err)
	rec := e.manifest(res.Entry.Name).Captured.DBs[0]
	order, entries := e.readBack(res.Entry.Name)
	var got []string
	var size int64
	for _, n := range order {
		if strings.HasPrefix(n, "databases/") {
			got = append(got, n)
			size += entries[n].h.Size
		}
	}
	if rec.Parts < 2 || len(got) != rec.Parts || got[0] != rec.Path+".001" || size != rec.Size {
		t.Fatalf("parts %q (%d bytes); the manifest says %+v", got, size, rec)
	}
}
