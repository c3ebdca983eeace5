// Package cli is Coffre's command line: Main parses the arguments and runs one command of the
// table that each file fills in its init (serve, admin, client, subscription, domain, mailbox,
// database, version, help; the engine's commands in engine*.go).
package cli
