// Package account defines the hosting objects Coffre backs up (clients, subscriptions, domains,
// mailboxes, databases) as the store keeps them and the API carries them; it is wasm-safe.
package account
