// Package testtree builds file trees for tests and snapshots them for comparison, metadata, content and hard links included.
package testtree
