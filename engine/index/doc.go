// Package index writes and reads a backup's file index: every path of the captured state with
// its metadata and the backup that holds its content, in a compact, checksummed binary stream.
package index
