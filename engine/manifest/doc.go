// Package manifest names a backup's objects and writes, signs, parses and verifies its
// manifest, the object whose presence makes a backup exist.
package manifest
