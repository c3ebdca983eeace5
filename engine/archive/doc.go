// Package archive writes a backup's tar stream as zstd-compressed volumes into a storage, with
// the SHA-256 of each volume, and reads such volumes back as one checked tar stream.
package archive
