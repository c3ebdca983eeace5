// Package spec defines what a backup or restore request is, and Validate, which the panel (in
// the browser, as the user types) and the server (before anything is stored) both run; it is
// wasm-safe.
package spec
