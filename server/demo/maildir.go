package demo

import (
	"fmt"
	"mime"
	"strings"
	"time"
)

// message is one mail of a generated mailbox.
type message struct {
	from, subject, body string
}

// maildir writes a Maildir at rel: read messages in cur/, unread ones in new/, an empty tmp/,
// and a Sent folder (Maildir++).
func (t *tree) maildir(rel, addr string, msgs []message) {
	for _, sub := range []string{"", "/.Sent"} {
		for _, d := range []string{"cur", "new", "tmp"} {
			t.dir(rel + sub + "/" + d)
		}
	}
	for i, m := range msgs {
		at := logTime.Add(time.Duration(i) * 97 * time.Minute)
		base := fmt.Sprintf("%d.M%dP%dQ%d.demo", at.Unix(), 100000+i, 4242, i+1)
		name := rel + "/cur/" + base + ":2,S"
		if i >= len(msgs)-2 {
			name = rel + "/new/" + base
		}
		t.text(name, mail(m.from, addr, m.subject, m.body, at, base))
	}
	at := logTime.Add(-time.Hour)
	base := fmt.Sprintf("%d.M1P4242Q0.demo", at.Unix())
	t.text(rel+"/.Sent/cur/"+base+":2,S", mail(addr, "client@example.net", "Re: "+msgs[0].subject, "Thank you, see you soon.", at, base))
	t.text(rel+"/subscriptions", "Sent\n")
}

func mail(from, to, subject, body string, at time.Time, id string) string {
	h := []string{
		"Return-Path: <" + from + ">",
		"From: " + from,
		"To: " + to,
		"Subject: " + mime.QEncoding.Encode("utf-8", subject),
		"Date: " + at.Format(time.RFC1123Z),
		"Message-ID: <" + id + "@demo.coffre>",
		"MIME-Version: 1.0",
		"Content-Type: text/plain; charset=utf-8",
		"Content-Transfer-Encoding: 8bit",
	}
	return strings.Join(h, "\r\n") + "\r\n\r\n" + strings.ReplaceAll(body, "\n", "\r\n") + "\r\n"
}
