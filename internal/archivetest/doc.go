// Package archivetest reads a backup's stored archive as a user does without Coffre, for tests.
package archivetest
