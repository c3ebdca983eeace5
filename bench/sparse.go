package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"time"
)

// The sparse step: a tree whose one file is 8 GiB long and holds 4 KiB of data, the rest holes
// (what a tenant can make for free). Coffre finds the holes with SEEK_DATA/SEEK_HOLE and never
// reads them; its peer is GNU tar with --sparse, which does the same.
const (
	stepSparse  = "sparse"
	sparseSize  = 8 << 30
	sparseLimit = time.Second // Coffre's time, at most: it reads 4 KiB (both tools take milliseconds, so no ratio)
)

var sparseStep = step{key: stepSparse, title: "8 GiB sparse file, 4 KiB of data", peerTitle: "tar -S -cf - . | zstd -3 -T0",
	only: "corpus", before: makeSparseTree,
	peer: func(p *pass) measure {
		return p.peerArchive("sparse.tar.zst", exec.Command("tar", "-C", p.out("sparse-tree"), "-S", "-cf", "-", "."), zstdC())
	},
	coffre: func(p *pass) measure {
		c, err := setUp(p.b.bin, p.out("sparse-data"), &tree{dir: p.out("sparse-tree"), sites: []string{sparseSite}})
		if err != nil {
			return measure{Err: err}
		}
		m, _ := c.backup()
		return m
	}}

const sparseSite = "sparse.example"

// makeSparseTree makes a webspace holding a file of sparseSize bytes whose only data is 4 KiB
// in its middle.
func makeSparseTree(p *pass) error {
	dir := filepath.Join(p.out("sparse-tree"), sparseSite)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, "disk.img"))
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Truncate(sparseSize); err != nil {
		return err
	}
	if _, err := f.WriteAt(bytes.Repeat([]byte("coffre\n"), 4096/7+1)[:4096], sparseSize/2); err != nil {
		return err
	}
	return f.Sync()
}
