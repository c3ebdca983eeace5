// Package keys loads or creates the host's secret keys in the data directory: the ed25519 key that signs backup manifests and the key that seals stored passwords.
package keys
