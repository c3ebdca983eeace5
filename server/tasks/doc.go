// Package tasks runs backups, restores and verifications as tasks stored in the bbolt store, at most one per client and a few at once, and keeps their status, progress, warnings and log.
package tasks
