// Package corpus generates a deterministic, hosting-like file tree (websites, images, logs, a
// Maildir) for benchmarks and tests, and changes about 1% of it for incremental runs.
package corpus
