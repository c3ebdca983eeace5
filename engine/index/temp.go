package index

import (
	"fmt"
	"io"
)

// NewTempWriter starts an index kept only while a backup runs, in a private temporary file:
// the records of the current format, not compressed, so that writing it and reading it back
// cost little. Only NewTempReader reads it.
func NewTempWriter(w io.Writer, name string) (*Writer, error) {
	if len(name) > maxName {
		return nil, fmt.Errorf("index: backup name too long")
	}
	return start(&Writer{out: w, version: version}, name), nil
}

// NewTempReader reads an index written by NewTempWriter. The caller must Close the Reader.
func NewTempReader(r io.Reader) (*Reader, error) {
	ir := &Reader{}
	ir.in.init(r, nil)
	if err := ir.header(); err != nil {
		return nil, err
	}
	return ir, nil
}
