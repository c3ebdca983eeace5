//go:build !linux

package storage

import "os"

// startWriteback does nothing where sync_file_range does not exist: the fsync does it all.
func startWriteback(f *os.File, off, n int64) {}
