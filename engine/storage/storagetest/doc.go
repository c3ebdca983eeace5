// Package storagetest is the conformance suite that every storage.Storage must pass.
package storagetest
