// Package store keeps Coffre's hosting objects and users in a bbolt file in the data directory, opened per operation, and validates them before anything is written.
package store
