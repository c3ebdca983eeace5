// Package manifest names a backup's objects, writes, signs, parses and verifies its manifest
// (the object whose presence makes a backup exist), and reads its index checked against it.
package manifest
