package roundtrip

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"coffre/engine/account"
	"coffre/engine/spec"
)

// A tenant controls its Maildirs. A link planted in one is backed up as a link, never its
// target's bytes; a restore in place, beside the mail that is there, writes nothing through a
// link planted at a message's name or at one of the Maildir's folders.
func TestMailLinksNeverFollowed(t *testing.T) {
	e, dirs := mailEnv(t)
	box := dirs[inbox]
	outside := t.TempDir()
	secret := filepath.Join(outside, "shadow")
	must(t, os.WriteFile(secret, []byte("root:$6$secret-hash"), 0o600))
	deliver(t, box, "cur/1001.M2P1.host:2,S", "From: b\r\n\r\nSecond\r\n")
	deliver(t, box, ".Sent/cur/1002.M3P1.host:2,S", "From: me\r\n\r\nSent\r\n")
	must(t, os.Symlink(secret, filepath.Join(box, "cur", "1000.M1P1.host:2,S")))
	b := e.backup(mailSpec(false))

	to := filepath.Join(t.TempDir(), "out")
	e.mustRestore(spec.Restore{Backup: b.Entry.Name, To: to, Mailboxes: []string{inbox}})
	got := filepath.Join(to, "mail", "example.com", inbox, "cur", "1000.M1P1.host:2,S")
	if l, err := os.Readlink(got); err != nil || l != secret {
		t.Errorf("the planted link came back as %q %v", l, err)
	}

	// In place: the messages are lost, and the tenant plants links where they go.
	must(t, os.RemoveAll(filepath.Join(box, ".Sent")))
	must(t, os.Remove(filepath.Join(box, "cur", "1001.M2P1.host:2,S")))
	must(t, os.Remove(filepath.Join(box, "cur", "1000.M1P1.host:2,S")))
	must(t, os.Symlink(outside, filepath.Join(box, ".Sent")))
	must(t, os.Symlink(secret, filepath.Join(box, "cur", "1001.M2P1.host:2,S")))
	e.restore(spec.Restore{Backup: b.Entry.Name, Mailboxes: []string{inbox}}) // refused or done: nothing outside
	sales := dirs["sales@example.com"]                                        // a whole Maildir swapped for a link
	must(t, os.RemoveAll(sales))
	must(t, os.Symlink(outside, sales))
	if _, err := e.restore(spec.Restore{Backup: b.Entry.Name, Mailboxes: []string{"sales@example.com"}}); err == nil {
		t.Error("restored into a Maildir that is a link")
	}
	if data, _ := os.ReadFile(secret); string(data) != "root:$6$secret-hash" {
		t.Errorf("written through a link: %q", data)
	}
	ents, _ := os.ReadDir(outside)
	var names []string
	for _, d := range ents {
		names = append(names, d.Name())
	}
	if strings.Join(names, " ") != "shadow" {
		t.Errorf("written in the link's target folder: %v", names)
	}
}

// A Maildir kept inside the webspace: the tenant swaps a folder above it for a link to another
// client's Maildir. The backup does not take that mail: the mailbox is recorded unreadable.
func TestMaildirInWebspaceThroughLink(t *testing.T) {
	e := newEnv(t, nil, "example.com")
	root := e.roots["example.com"]
	own := filepath.Join(root, "mail", "info")
	for _, sub := range []string{"cur", "new", "tmp"} {
		must(t, os.MkdirAll(filepath.Join(own, sub), 0o700))
	}
	e.acct.Mailboxes = append(e.acct.Mailboxes, account.Mailbox{Address: inbox, Subscription: "example.com", Maildir: own})
	bobs := filepath.Join(t.TempDir(), "bob")
	for _, sub := range []string{"info/cur", "info/new", "info/tmp"} {
		must(t, os.MkdirAll(filepath.Join(bobs, sub), 0o700))
	}
	deliver(t, filepath.Join(bobs, "info"), "cur/1.M1P1.host:2,S", "From: bank\r\n\r\nBob's secret\r\n")
	must(t, os.RemoveAll(filepath.Join(root, "mail")))
	must(t, os.Symlink(bobs, filepath.Join(root, "mail")))

	b := e.backup(mailSpec(false))
	mb := mailboxOf(t, e, b.Entry.Name, inbox)
	if mb.Warning == "" || mb.Messages != 0 {
		t.Errorf("the mailbox reached through a link: %+v", mb)
	}
	to := filepath.Join(t.TempDir(), "out")
	e.restore(spec.Restore{Backup: b.Entry.Name, To: to})
	filepath.WalkDir(to, func(p string, d os.DirEntry, err error) error {
		if data, _ := os.ReadFile(p); strings.Contains(string(data), "Bob's secret") {
			t.Errorf("bob's mail in the backup: %s", p)
		}
		return nil
	})
}
