// Package rules holds the rules every index record and archive entry of a backup obeys, checked
// alike by restore (before it writes anything) and by verify, so that a backup verified is a
// backup that restores.
package rules
