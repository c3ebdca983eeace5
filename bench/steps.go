package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"coffre/internal/corpus"
)

// Keys of the measured steps: a step's key, then "/peer" or "/coffre".
const (
	stepFull     = "full"
	stepLevel0   = "level0"
	stepNoChange = "nochange"
	stepChange   = "change"
	stepRestore  = "restore"
)

// bench runs the sequence of steps on one corpus.
type bench struct {
	cfg     config
	corpus  string // the tree that every tool reads
	work    string // outputs of one run
	self    string // this executable, run again as the Coffre child
	results map[string]measure
	log     io.Writer
}

// run prepares the corpus, runs the sequence cfg.runs times, prints the table to w and
// returns the measures by step key ("full/peer", "full/coffre", ...). Progress goes to log.
func run(ctx context.Context, cfg config, w, log io.Writer) (map[string]measure, error) {
	if err := checkTools(); err != nil {
		return nil, err
	}
	dir, err := absDir(cfg.dir)
	if err != nil {
		return nil, err
	}
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	b := &bench{cfg: cfg, corpus: filepath.Join(dir, "corpus"), work: filepath.Join(dir, "run"),
		self: self, results: map[string]measure{}, log: log}
	for i := range max(1, cfg.runs) {
		if err := b.once(ctx, i); err != nil {
			return nil, err
		}
	}
	if _, err := corpus.Ensure(b.corpus, cfg.scale, cfg.seed); err != nil { // undo Change
		return nil, err
	}
	report(w, b, corpus.Describe(cfg.scale, cfg.seed))
	return b.results, b.writeJSON()
}

// once runs every step one time, keeping each step's fastest measure.
func (b *bench) once(ctx context.Context, i int) error {
	b.logf("run %d: preparing the corpus in %s", i+1, b.corpus)
	gen, err := corpus.Ensure(b.corpus, b.cfg.scale, b.cfg.seed)
	if err != nil {
		return err
	}
	if gen {
		b.logf("corpus generated")
	}
	if err := os.RemoveAll(b.work); err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Join(b.work, "store"), 0o700); err != nil {
		return err
	}
	b.logf("warming the page cache")
	if m := pipeline(io.Discard, b.tar("-cf", "-", ".")); m.Err != nil {
		return m.Err
	}
	if err := b.sequence(ctx); err != nil {
		return err
	}
	if !b.cfg.keep {
		return os.RemoveAll(b.work)
	}
	return nil
}

// sequence is one run: each peer, then Coffre on the same state.
func (b *bench) sequence(ctx context.Context) error {
	b.peer(stepFull, "full.tar.zst", b.tar("-cf", "-", "."), zstdC())
	full := b.coffreBackup(ctx, stepFull, false)
	b.ftpSteps(ctx, full)
	b.peer(stepLevel0, "level0.tar.zst", b.tar("--listed-incremental="+b.out("snar"), "-cf", "-", "."), zstdC())
	b.peer(stepNoChange, "level1.tar.zst", b.tar("--listed-incremental="+b.out("snar"), "-cf", "-", "."), zstdC())
	b.coffreBackup(ctx, stepNoChange, true)
	st, err := corpus.Change(b.corpus, b.cfg.scale, b.cfg.seed)
	if err != nil {
		return err
	}
	b.logf("changed the corpus: %+v", st)
	b.peer(stepChange, "level2.tar.zst", b.tar("--listed-incremental="+b.out("snar"), "-cf", "-", "."), zstdC())
	b.coffreBackup(ctx, stepChange, true)
	b.peerRestore()
	b.coffreRestore(ctx, full)
	b.sparseSteps(ctx)
	return nil
}

// peer runs a peer pipeline whose output goes to the file name in the work folder.
func (b *bench) peer(step, name string, cmds ...*exec.Cmd) {
	f, err := os.Create(b.out(name))
	if err != nil {
		b.keep(step+"/peer", measure{Err: err})
		return
	}
	defer f.Close()
	settle()
	m := pipeline(f, cmds...)
	if info, err := f.Stat(); err == nil {
		m.Output = info.Size()
	}
	b.keep(step+"/peer", m)
}

// peerRestore extracts the full archive. What it wrote stays until the run ends: removing
// 131k files makes the disk slow to create files for a while after, which would tax whichever
// restore came next.
func (b *bench) peerRestore() {
	dst := b.out("restore-peer")
	if err := os.MkdirAll(dst, 0o755); err != nil {
		b.keep(stepRestore+"/peer", measure{Err: err})
		return
	}
	settle()
	unzstd := exec.Command("zstd", "-d", "-q", "-c", b.out("full.tar.zst"))
	m := pipeline(nil, unzstd, exec.Command("tar", "-C", dst, "-xf", "-"))
	m.Output, m.Note = treeSummary(dst)
	b.keep(stepRestore+"/peer", m)
}

// tar returns a GNU tar command run in the corpus.
func (b *bench) tar(args ...string) *exec.Cmd {
	return exec.Command("tar", append([]string{"-C", b.corpus}, args...)...)
}

func zstdC() *exec.Cmd { return exec.Command("zstd", "-3", "-T0", "-q", "-c") }

func (b *bench) out(name string) string { return filepath.Join(b.work, name) }

// keep records m under key if it is the first or the fastest successful one.
func (b *bench) keep(key string, m measure) {
	if m.Err != nil {
		b.logf("%s: %v", key, m.Err)
	} else {
		b.logf("%s: %v", key, m.Wall.Round(time.Millisecond))
	}
	old, ok := b.results[key]
	if !ok || old.Err != nil || m.Err == nil && m.Wall < old.Wall {
		b.results[key] = m
	}
}

// settle writes dirty pages back before a measure, so no step pays for the previous one.
func settle() { syscall.Sync() }

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(b.log, "bench: "+format+"\n", args...)
}

// writeJSON writes the results to cfg.json, if asked.
func (b *bench) writeJSON() error {
	if b.cfg.json == "" {
		return nil
	}
	out := map[string]any{}
	for k, m := range b.results {
		v := map[string]any{"wallSeconds": m.Wall.Seconds(), "cpuSeconds": m.CPU.Seconds(),
			"peakRSS": m.RSS, "output": m.Output}
		if m.Err != nil {
			v["error"] = m.Err.Error()
		}
		out[k] = v
	}
	data, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(b.cfg.json, data, 0o644)
}
