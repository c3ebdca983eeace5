package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"

	"coffre/engine/backup"
	"coffre/engine/storage"
)

// childEnv, when set, makes this program the Coffre child: it runs one backup or restore in
// its own process, so that its time and peak memory are measured like the peers'.
const childEnv = "COFFRE_BENCH_CHILD"

func (b *bench) childCmd(args ...string) *exec.Cmd {
	c := exec.Command(b.self, args...)
	c.Env = append(os.Environ(), childEnv+"=1")
	if os.Getenv("GOMEMLIMIT") == "" {
		c.Env = append(c.Env, "GOMEMLIMIT=128MiB") // as bin/coffre sets for itself
	}
	return c
}

// coffreBackup runs a Coffre backup of the corpus and returns the backup's name.
func (b *bench) coffreBackup(ctx context.Context, step string, incremental bool) string {
	args := []string{"backup", "-corpus", b.corpus, "-store", b.out("store")}
	if incremental {
		args = append(args, "-incremental")
	}
	var out bytes.Buffer
	settle()
	m := pipeline(&out, b.childCmd(args...))
	var res backup.Result
	if m.Err == nil {
		m.Err = json.Unmarshal(out.Bytes(), &res)
	}
	if m.Err == nil {
		m.Output, m.Err = b.stored(ctx, res.Entry.Name)
		m.Note = fmt.Sprintf("%s, %d files stored", res.Entry.Type, res.Entry.Files)
	}
	b.keep(step+"/coffre", m)
	return res.Entry.Name
}

// coffreRestore restores the backup name into a fresh folder, kept until the run ends (see
// peerRestore).
func (b *bench) coffreRestore(ctx context.Context, name string) {
	key := stepRestore + "/coffre"
	if name == "" {
		b.keep(key, measure{Err: fmt.Errorf("no full backup to restore")})
		return
	}
	dst := b.out("restore-coffre")
	settle()
	m := pipeline(nil, b.childCmd("restore", "-corpus", b.corpus, "-store", b.out("store"), "-backup", name, "-to", dst))
	if m.Err == nil {
		m.Output, m.Note = treeSummary(dst)
	}
	b.keep(key, m)
}

// stored sums the sizes of the objects of backup name: volumes, index and manifest.
func (b *bench) stored(ctx context.Context, name string) (int64, error) {
	st, err := storage.NewLocal(b.out("store"))
	if err != nil {
		return 0, err
	}
	infos, err := st.List(ctx, name+".")
	var n int64
	for _, in := range infos {
		n += in.Size
	}
	return n, err
}

// treeSummary returns the bytes of the regular files under dir, and says how many there are.
func treeSummary(dir string) (int64, string) {
	var n, files int64
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if info, err := d.Info(); err == nil {
				n, files = n+info.Size(), files+1
			}
		}
		return nil
	})
	return n, fmt.Sprintf("%d files restored", files)
}
