// Package pattern parses and matches the exclusion patterns of the Back Up form, and tells log
// file names apart; it is wasm-safe, so the panel checks patterns with it as the user types.
package pattern
