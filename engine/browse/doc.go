// Package browse lists what a backup holds: its webspace tree as of that backup, paged and searchable, and the versions of a path across backups.
package browse
