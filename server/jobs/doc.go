// Package jobs runs a task's work on the engine: it checks requests against the client's rights,
// loads the account, opens the client's storage and runs backups, restores and verifications.
package jobs
