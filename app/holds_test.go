package app

import (
	"testing"

	"coffre/engine/spec"
)

// Each combination of the form's content choices, as the backup records it, is described as
// exactly that: the same combinations engine/backup's TestContentOptions checks the archive of.
func TestHoldsDescribesTheRecord(t *testing.T) {
	f := &frame{lang: langEN}
	mb := []capturedMailbox{{Address: "info@a.example", Messages: 2}}
	db := []capturedDB{{Name: "blog", Engine: "sqlite", Path: "databases/a.example/blog.sqlite", Size: 8192}}
	cases := []struct {
		name string
		c    *captured
		want string
	}{
		{"configuration only", &captured{DBs: []capturedDB{}, Mailboxes: []capturedMailbox{}},
			"Account and websites: configuration only"},
		{"mail", &captured{Mail: true, Mailboxes: mb}, "Account and websites: configuration, mail: 1 mailbox(es), 2 messages"},
		{"files and databases", &captured{Files: true, Databases: true, WebFiles: 1, DBs: db},
			"Account and websites: configuration, files: 1, databases: 1"},
		{"mail, files and databases", &captured{Files: true, Databases: true, Mail: true, WebFiles: 1, DBs: db, Mailboxes: mb},
			"Account and websites: configuration, mail: 1 mailbox(es), 2 messages, files: 1, databases: 1"},
	}
	for _, c := range cases {
		got := holdsText(f, backupEntry{Spec: spec.Backup{Scope: spec.ScopeAccount}, Captured: c.c})
		if got != c.want {
			t.Errorf("%s: %q, want %q", c.name, got, c.want)
		}
	}
}
