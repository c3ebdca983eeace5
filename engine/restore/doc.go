// Package restore brings a backup's state back, taking each path from the backup of its chain
// that holds it, into the webspaces or into a directory in the archive's layout.
package restore
