// Package demo seeds a demonstration host under the data directory: three clients with
// webspaces, Maildir mailboxes and SQLite databases generated on disk, idempotently.
package demo
