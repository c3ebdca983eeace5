// Package humanize writes sizes the way the panel and the mails show them, in English or French;
// it is wasm-safe.
package humanize
