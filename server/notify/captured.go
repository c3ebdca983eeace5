package notify

import (
	"strings"

	"coffre/engine/manifest"
)

// captured says what a backup holds, from its manifest's record: the content it took, each
// database with its dump's size or the reason it has none, each mailbox with its messages.
func (w *text) captured(c *manifest.Captured) {
	w.line("content", w.capturedContent(c))
	if c.Files {
		w.line("webfiles", w.count(c.WebFiles)+" ("+w.size(c.WebBytes)+")")
	}
	if c.Databases {
		w.items("databases", len(c.DBs), func(i int) string {
			d := c.DBs[i]
			if !d.Dumped() {
				return w.f("db.failed", printable(d.Name, 64), d.Engine, printable(d.Warning, 300))
			}
			return w.f("db.dumped", printable(d.Name, 64), d.Engine, w.size(d.Size))
		})
	}
	if c.Mail {
		w.items("mailboxes", len(c.Mailboxes), func(i int) string {
			m := c.Mailboxes[i]
			if m.Warning != "" {
				return w.f("mb.failed", printable(m.Address, 300), printable(m.Warning, 300))
			}
			return w.f("mb.messages", printable(m.Address, 300), w.count(m.Messages))
		})
	}
}

// capturedContent names the parts a backup holds.
func (w *text) capturedContent(c *manifest.Captured) string {
	if !c.Files && !c.Mail {
		return w.t("configonly")
	}
	parts := []string{w.t("config")}
	if c.Mail {
		parts = append(parts, w.t("mail"))
	}
	if c.Files {
		parts = append(parts, w.t("userfiles"))
	}
	return strings.Join(parts, ", ")
}

// items writes a labelled list, one item a line ("none" when empty).
func (w *text) items(label string, n int, item func(int) string) {
	if n == 0 {
		w.line(label, w.t("none"))
		return
	}
	colon := ":"
	if w.fr {
		colon = " :"
	}
	w.b.WriteString(w.t("label."+label) + colon + "\n")
	for i := 0; i < n; i++ {
		if i == maxShown {
			w.b.WriteString("  " + w.f("more", n-maxShown) + "\n")
			break
		}
		w.b.WriteString("  - " + item(i) + "\n")
	}
}
