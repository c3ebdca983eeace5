package cli

import (
	"strings"
	"testing"

	"coffre/server/jobs"
)

// TestDemoBackupHoldsMailAndDatabases: the demo host's mailboxes and SQLite databases are in
// its backups, and the listing says so from the manifest's record.
func TestDemoBackupHoldsMailAndDatabases(t *testing.T) {
	dir := demoData(t)
	_, res := backupTask(t, dir, "acme")
	list := decodeJSON[[]jobs.Listed](t, mustRun(t, dir, "backups", "acme", "--json"))
	if len(list) != 1 || list[0].Name != res.Entry.Name || list[0].Captured == nil {
		t.Fatalf("listed %+v", list)
	}
	c := list[0].Captured
	if !c.Mail || !c.Files || len(c.Mailboxes) == 0 || len(c.DBs) == 0 {
		t.Fatalf("captured %+v", c)
	}
	for _, m := range c.Mailboxes {
		if m.Messages == 0 || m.Stored != m.Messages {
			t.Errorf("mailbox %s recorded with %d messages, %d stored", m.Address, m.Messages, m.Stored)
		}
	}
	for _, d := range c.DBs {
		if d.Engine != "sqlite" || !d.Dumped() || d.Size == 0 {
			t.Errorf("database recorded as %+v", d)
		}
	}
	out := mustRun(t, dir, "backups", "acme").stdout
	if !strings.Contains(out, "HOLDS") || !strings.Contains(out, "mailboxes (") {
		t.Errorf("listing:\n%s", out)
	}
	mustRun(t, dir, "backup", "acme", "--no-mail")
	list = decodeJSON[[]jobs.Listed](t, mustRun(t, dir, "backups", "acme", "--json")) // newest first
	if c := list[0].Captured; c.Mail || len(c.Mailboxes) != 0 {
		t.Errorf("a backup without mail records %+v", c)
	}
}
