package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"coffre/engine/backup"
	"coffre/internal/corpus"
)

// The sparse step: a tree whose one file is 8 GiB long and holds 4 KiB of data, the rest holes
// (what a tenant can make for free). Coffre finds the holes with SEEK_DATA/SEEK_HOLE and never
// reads them; its peer is GNU tar with --sparse, which does the same.
const (
	stepSparse  = "sparse"
	sparseSize  = 8 << 30
	sparseLimit = time.Second // Coffre's time, at most: it reads 4 KiB (both tools take milliseconds, so no ratio)
)

// sparseSteps backs up the sparse tree with tar -S | zstd, then with Coffre.
func (b *bench) sparseSteps(ctx context.Context) {
	dir := b.out("sparse-tree")
	if err := makeSparseTree(dir); err != nil {
		b.keep(stepSparse+"/peer", measure{Err: err})
		return
	}
	b.peer(stepSparse, "sparse.tar.zst", exec.Command("tar", "-C", dir, "-S", "-cf", "-", "."), zstdC())
	var out bytes.Buffer
	settle()
	m := pipeline(&out, b.childCmd("backup", "-corpus", dir, "-store", b.out("sparse-store")))
	var res backup.Result
	if m.Err == nil {
		m.Err = json.Unmarshal(out.Bytes(), &res)
	}
	if m.Err == nil {
		m.Output = res.Entry.Size
		m.Note = fmt.Sprintf("%d GiB file, 4 KiB of data", sparseSize>>30)
	}
	b.keep(stepSparse+"/coffre", m)
}

// makeSparseTree makes the bench's webspaces empty under dir, and in the first one a file of
// sparseSize bytes whose only data is 4 KiB in its middle.
func makeSparseTree(dir string) error {
	for _, site := range corpus.Sites {
		if err := os.MkdirAll(filepath.Join(dir, site), 0o755); err != nil {
			return err
		}
	}
	f, err := os.Create(filepath.Join(dir, corpus.Sites[0], "disk.img"))
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
