package extract

import (
	"os"
	"runtime"
)

// Options tune a Writer. Zero values get the defaults below (withDefaults).
type Options struct {
	MaxEntries int64 // entries accepted; default 10,000,000
	MaxBytes   int64 // content bytes written in all; default 4 TiB
	MaxName    int   // bytes in an entry's name or link target; default 4096
	// Workers write small files in parallel with the caller; default 2 x GOMAXPROCS, at least 2.
	// 1 writes everything on the caller's goroutine.
	Workers int
	// Buffered bounds the bytes of small files read ahead and waiting for a worker; default 32 MiB.
	Buffered int64
	// Sync fsyncs each file before it is renamed into place (survives a power loss, slower).
	Sync bool
	// Owner restores owners: default (nil) when running as root (os.Geteuid() == 0).
	Owner *bool
	// Warn is told about each entry skipped (devices, FIFOs, unknown types); default no-op.
	// It is called from the goroutine that calls Entry.
	Warn func(name string, err error)
}

const smallFile = 1 << 20 // files up to this size go to a worker in one buffer

func (o Options) withDefaults() Options {
	if o.MaxEntries <= 0 {
		o.MaxEntries = 10_000_000
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = 4 << 40
	}
	if o.MaxName <= 0 {
		o.MaxName = 4096
	}
	if o.Workers <= 0 {
		o.Workers = max(2, 2*runtime.GOMAXPROCS(0))
	}
	if o.Buffered <= 0 {
		o.Buffered = 32 << 20
	}
	if o.Owner == nil {
		root := os.Geteuid() == 0
		o.Owner = &root
	}
	if o.Warn == nil {
		o.Warn = func(string, error) {}
	}
	return o
}
