package roundtrip

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/engine/archive"
	"coffre/engine/manifest"
	"coffre/engine/spec"
	"coffre/internal/testtree"
)

const inbox = "info@example.com"

// mailEnv is a client with one subscription and two mailboxes.
func mailEnv(t *testing.T) (*env, map[string]string) {
	e := newEnv(t, nil, "example.com")
	dirs := map[string]string{}
	for _, addr := range []string{inbox, "sales@example.com"} {
		dir := filepath.Join(t.TempDir(), addr)
		for _, sub := range []string{"cur", "new", "tmp", ".Sent/cur", ".Sent/new", ".Sent/tmp"} {
			must(t, os.MkdirAll(filepath.Join(dir, sub), 0o700))
		}
		dirs[addr] = dir
		e.acct.Mailboxes = append(e.acct.Mailboxes, account.Mailbox{Address: addr, Subscription: "example.com", Maildir: dir})
	}
	return e, dirs
}

func mailSpec(incremental bool) spec.Backup {
	return spec.Backup{Client: client, Scope: spec.ScopeAccount, Mail: true, Storage: spec.StorageServer, Incremental: incremental}
}

var msgTime = time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)

func deliver(t *testing.T, dir, rel, body string) {
	t.Helper()
	p := filepath.Join(dir, rel)
	must(t, os.WriteFile(p, []byte(body), 0o600))
	must(t, os.Chtimes(p, msgTime, msgTime))
}

func rename(t *testing.T, dir, from, to string) {
	t.Helper()
	must(t, os.Rename(filepath.Join(dir, from), filepath.Join(dir, to)))
}

// settle gives the Maildir's folders fixed times, so that a snapshot compares them exactly.
func settle(t *testing.T, dir string) {
	t.Helper()
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chtimes(p, msgTime, msgTime)
		}
		return err
	})
}

// TestMailChain backs up a mailbox three times (new messages, flags changed by renaming, a
// message deleted) and restores each state exactly; a renamed message is stored once.
func TestMailChain(t *testing.T) {
	e, dirs := mailEnv(t)
	box := dirs[inbox]
	deliver(t, box, "new/1000.M1P1.host", "From: a\r\n\r\nHello Zoë\r\n")
	deliver(t, box, "cur/1001.M2P1.host:2,S", "From: b\r\n\r\nSecond\r\n")
	deliver(t, box, ".Sent/cur/1002.M3P1.host:2,S", "From: me\r\n\r\nSent one\r\n")
	settle(t, box)
	states := []testtree.Tree{testtree.Snapshot(t, box)}
	b1 := e.backup(mailSpec(false))

	rename(t, box, "new/1000.M1P1.host", "cur/1000.M1P1.host:2,S")      // read
	rename(t, box, "cur/1001.M2P1.host:2,S", "cur/1001.M2P1.host:2,FS") // flagged
	deliver(t, box, "new/1003.M4P1.host", "From: d\r\n\r\nA new one\r\n")
	settle(t, box)
	states = append(states, testtree.Snapshot(t, box))
	b2 := e.backup(mailSpec(true))

	must(t, os.Remove(filepath.Join(box, ".Sent/cur/1002.M3P1.host:2,S"))) // deleted
	rename(t, box, "cur/1000.M1P1.host:2,S", "cur/1000.M1P1.host:2,RS")    // replied: a rename of a rename
	settle(t, box)
	states = append(states, testtree.Snapshot(t, box))
	b3 := e.backup(mailSpec(true))

	for i, want := range []struct{ messages, stored int64 }{{3, 3}, {4, 1}, {3, 0}} {
		mb := mailboxOf(t, e, []string{b1.Entry.Name, b2.Entry.Name, b3.Entry.Name}[i], inbox)
		if mb.Messages != want.messages || mb.Stored != want.stored {
			t.Errorf("backup %d records %d messages, %d stored; want %d, %d", i+1, mb.Messages, mb.Stored, want.messages, want.stored)
		}
	}
	for i, b := range []string{b1.Entry.Name, b2.Entry.Name, b3.Entry.Name} {
		to := filepath.Join(t.TempDir(), "out")
		e.mustRestore(spec.Restore{Backup: b, To: to, Mailboxes: []string{inbox}})
		got := testtree.Snapshot(t, filepath.Join(to, "mail", "example.com", inbox))
		testtree.Equal(t, states[i], got)
	}
	if n := storedCopies(t, e, "1000.M1P1.host", b1.Entry.Name, b2.Entry.Name, b3.Entry.Name); n != 1 {
		t.Errorf("the renamed message is stored %d times in the chain, want once", n)
	}
}

// TestMailboxRestoreBesideNewMail restores one mailbox in place: messages that arrived since
// stay, those lost come back, none is doubled, and the other mailbox is left alone.
func TestMailboxRestoreBesideNewMail(t *testing.T) {
	e, dirs := mailEnv(t)
	box, sales := dirs[inbox], dirs["sales@example.com"]
	deliver(t, box, "cur/1001.M2P1.host:2,S", "From: b\r\n\r\nSecond\r\n")
	deliver(t, box, "new/1000.M1P1.host", "From: a\r\n\r\nFirst\r\n")
	deliver(t, sales, "cur/2000.M1P1.host:2,", "From: c\r\n\r\nOrder\r\n")
	b := e.backup(mailSpec(false))

	must(t, os.Remove(filepath.Join(box, "cur/1001.M2P1.host:2,S")))                     // lost
	rename(t, box, "new/1000.M1P1.host", "cur/1000.M1P1.host:2,S")                       // read since
	deliver(t, box, "new/1005.M9P1.host", "From: e\r\n\r\nArrived after the backup\r\n") // new
	must(t, os.Remove(filepath.Join(sales, "cur/2000.M1P1.host:2,")))

	res := e.mustRestore(spec.Restore{Backup: b.Entry.Name, Mailboxes: []string{inbox}})
	if res.MailKept != 1 {
		t.Errorf("kept %d messages already there, want 1", res.MailKept)
	}
	got := files(t, box)
	want := []string{"cur/1000.M1P1.host:2,S", "cur/1001.M2P1.host:2,S", "new/1005.M9P1.host"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("the mailbox holds %q, want %q", got, want)
	}
	if got := files(t, sales); len(got) != 0 {
		t.Errorf("the other mailbox was restored too: %q", got)
	}
}

// files lists the regular files under dir, sorted.
func files(t *testing.T, dir string) []string {
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return err
	})
	return out
}

func mailboxOf(t *testing.T, e *env, name, addr string) manifest.Mailbox {
	t.Helper()
	m, err := manifest.Load(context.Background(), e.st, name)
	if err != nil || m.Captured == nil {
		t.Fatalf("manifest %s: %v (captured %v)", name, err, m.Captured)
	}
	for _, mb := range m.Captured.Mailboxes {
		if mb.Address == addr {
			return mb
		}
	}
	t.Fatalf("backup %s records no mailbox %s", name, addr)
	return manifest.Mailbox{}
}

// storedCopies counts the archive entries, over the given backups, of the message uniq.
func storedCopies(t *testing.T, e *env, uniq string, names ...string) int {
	n := 0
	for _, name := range names {
		for _, h := range archiveNames(t, e, name) {
			if strings.Contains(h, "/"+uniq) {
				n++
			}
		}
	}
	return n
}

// archiveNames lists the entries of a backup's archive.
func archiveNames(t *testing.T, e *env, name string) []string {
	t.Helper()
	ctx := context.Background()
	m, err := manifest.Load(ctx, e.st, name)
	if err != nil {
		t.Fatal(err)
	}
	ar, err := archive.NewReader(ctx, e.st, m.Volumes, archive.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	defer ar.Close()
	var out []string
	for {
		h, err := ar.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, h.Name)
	}
}
