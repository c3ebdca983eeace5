// Package backup runs a backup of one client into its storage, lists the backups a storage
// holds, and removes the leftovers of backups that never finished.
package backup
