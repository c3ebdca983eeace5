// Package storage defines the Storage contract where backups are kept, with the server storage,
// an in-memory storage, decorators (fault injection, progress) and the conformance suite.
package storage
