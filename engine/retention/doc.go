// Package retention decides which backups a rule lets go: the last N and the newest of each of
// the last days, weeks and months (grandfather-father-son), counted in whole chains so that no
// incremental ever loses the backups it needs.
package retention
