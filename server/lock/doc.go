// Package lock takes the per-client file locks that keep two backups or restores of one client
// from running at once, across the panel and the CLI.
package lock
