package manifest

import (
	"errors"
	"testing"
)

// A record whose database or mailbox paths are not exactly Coffre's is refused.
func TestCapturedRefusesPaths(t *testing.T) {
	ok := &Captured{Files: true, Mail: true, Databases: true,
		DBs:       []Database{{Subscription: "a.example", Name: "shop", Engine: "postgres", Path: "databases/a.example/shop.sql", Size: 3}},
		Mailboxes: []Mailbox{{Subscription: "a.example", Address: "info@a.example", Path: "mail/a.example/info@a.example"}}}
	if err := ok.check(); err != nil {
		t.Fatal(err)
	}
	bad := map[string]func(c *Captured){
		"database name with a slash": func(c *Captured) { c.DBs[0].Name = "../x" },
		"database path elsewhere":    func(c *Captured) { c.DBs[0].Path = "files/a.example/shop.sql" },
		"subscription ..":            func(c *Captured) { c.DBs[0].Subscription = ".." },
		"unknown engine":             func(c *Captured) { c.DBs[0].Engine = "oracle" },
		"mailbox with a slash": func(c *Captured) {
			c.Mailboxes[0].Address = "a/../../b"
			c.Mailboxes[0].Path = "mail/a.example/a/../../b"
		},
		"mailbox path elsewhere": func(c *Captured) { c.Mailboxes[0].Path = "files/a.example" },
	}
	for name, f := range bad {
		c := *ok
		c.DBs = append([]Database(nil), ok.DBs...)
		c.Mailboxes = append([]Mailbox(nil), ok.Mailboxes...)
		f(&c)
		m := sample()
		m.Captured = &c
		if _, err := Sign(m, key(1)); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v, want ErrInvalid", name, err)
		}
	}
}
