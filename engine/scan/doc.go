// Package scan walks a webspace without following links or leaving its file system, applies
// the exclusions, and reads the files it found, several at a time, refusing any that changed type.
package scan
