// Package roundtrip holds the engine's end-to-end tests: back up generated trees, verify,
// restore, and compare, through healthy, faulty and hostile storages and archives.
package roundtrip
