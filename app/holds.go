package app

import (
	"strconv"
	"strings"

	"github.com/maxence-charriere/go-app/v9/pkg/app"
)

// holdsText says in one line what a backup holds: its scope, then the parts its manifest
// records (never the request's choices).
func holdsText(f *frame, e backupEntry) string {
	scope := f.t("scope.account")
	if e.Spec.Scope == "websites" {
		scope = f.t("scope.websites")
	}
	c := e.Captured
	if c == nil {
		return scope + ": " + f.t("holds.unknown")
	}
	if !c.Files && !c.Mail {
		return scope + ": " + f.t("holds.configOnly")
	}
	parts := []string{f.t("holds.config")}
	if c.Mail {
		var msgs int64
		for _, m := range c.Mailboxes {
			msgs += m.Messages
		}
		parts = append(parts, f.t("holds.mail", strconv.Itoa(len(c.Mailboxes)), formatCount(f.lang, msgs)))
	}
	if c.Files {
		parts = append(parts, f.t("holds.files", formatCount(f.lang, c.WebFiles)))
		parts = append(parts, dbsText(f, c.DBs))
	}
	return scope + ": " + strings.Join(parts, ", ")
}

// dbsText counts the databases dumped, and says how many were not.
func dbsText(f *frame, dbs []capturedDB) string {
	failed := 0
	for _, d := range dbs {
		if d.Warning != "" || d.Path == "" {
			failed++
		}
	}
	s := f.t("holds.dbs", strconv.Itoa(len(dbs)-failed))
	if failed > 0 {
		s += " (" + f.t("holds.dbsFailed", strconv.Itoa(failed)) + ")"
	}
	return s
}

// holdsUI is holdsText, opening onto the subscriptions, each database with its dump's size or
// the reason it has none, and each mailbox with its messages.
func holdsUI(f *frame, e backupEntry) app.UI {
	c := e.Captured
	if c == nil || len(c.DBs)+len(c.Mailboxes)+len(e.Subscriptions) == 0 {
		return app.Span().Class("holds").Text(holdsText(f, e))
	}
	items := []app.UI{app.Li().Text(f.t("holds.subscriptions", strings.Join(e.Subscriptions, ", ")))}
	for _, d := range c.DBs {
		if d.Warning != "" || d.Path == "" {
			items = append(items, app.Li().Class("bad").Text(f.t("holds.dbFailed", d.Name, d.Engine, d.Warning)))
			continue
		}
		items = append(items, app.Li().Text(f.t("holds.db", d.Name, d.Engine, formatBytes(f.lang, d.Size))))
	}
	for _, m := range c.Mailboxes {
		if m.Warning != "" {
			items = append(items, app.Li().Class("bad").Text(f.t("holds.mailboxFailed", m.Address, m.Warning)))
			continue
		}
		items = append(items, app.Li().Text(f.t("holds.mailbox", m.Address, formatCount(f.lang, m.Messages))))
	}
	return app.Details().Class("holds").Body(
		app.Summary().Body(app.Text(holdsText(f, e)), app.Span().Class("visually-hidden").Text(" ("+f.t("holds.details")+")")),
		app.Ul().Class("holds-list").Body(items...),
	)
}
