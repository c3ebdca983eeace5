// Package verify checks one stored backup: its manifest's signature, every volume's hash, every
// archive entry readable, and the index and the archive in agreement.
package verify
