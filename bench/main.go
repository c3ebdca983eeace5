// Command bench measures bin/coffre, run as an administrator runs it, against tar and zstd on
// a generated hosting-like corpus and on a tree of a million small files, and prints a table of
// median times, CPU, sizes and peak memory against the targets.
// Usage: go run ./bench [-runs 3] [-quick] [-trees corpus,small]; see README.md.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"

	"coffre/engine/storage/ftp/ftptest"
)

// config is the command line.
type config struct {
	dir    string  // work folder: the cached trees, and run/ (outputs, removed after)
	coffre string  // the Coffre binary measured
	scale  float64 // corpus scale: 1 is about 1.5 GB
	seed   int64
	small  int    // files of the small-files tree
	runs   int    // each step runs this many times; the median counts
	trees  string // comma-separated trees to run on: corpus, small
	json   string // also write the results as JSON to this file
	keep   bool   // keep run/ after the benchmark
}

// quickEnv, when set (or -quick), shrinks the trees so that the whole harness runs in seconds.
const quickEnv = "COFFRE_BENCH_QUICK"

func main() {
	var cfg config
	quick := false
	flag.StringVar(&cfg.dir, "dir", "bench/out", "work folder: the cached trees and the outputs")
	flag.StringVar(&cfg.coffre, "coffre", "bin/coffre", "the Coffre binary to measure (make build)")
	flag.Float64Var(&cfg.scale, "scale", 1, "corpus scale (1: about 1.5 GB, 131k files)")
	flag.Int64Var(&cfg.seed, "seed", 1, "corpus seed")
	flag.IntVar(&cfg.small, "small", 1_000_000, "files of the small-files tree")
	flag.IntVar(&cfg.runs, "runs", 3, "runs of the whole sequence; each step's median counts")
	flag.StringVar(&cfg.trees, "trees", "corpus,small", "trees to run on: corpus, small")
	flag.StringVar(&cfg.json, "json", "", "also write the results as JSON to this file")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the outputs (archives, backups, restored trees)")
	flag.BoolVar(&quick, "quick", os.Getenv(quickEnv) != "", "tiny trees, one run: checks the harness in seconds")
	flag.Parse()
	if quick {
		cfg = cfg.quick()
	}
	if _, err := run(context.Background(), cfg, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// quick is cfg at a scale that runs in seconds, in its own folder (the cached trees stay).
func (c config) quick() config {
	c.dir, c.scale, c.small, c.runs = filepath.Join(c.dir, "quick"), 0.0005, 2000, 1
	return c
}

// checkTools fails early, naming the Debian packages, when a peer tool is missing.
func checkTools(coffre string) error {
	if _, err := os.Stat(coffre); err != nil {
		return fmt.Errorf("%s not found: run make build first", coffre)
	}
	for _, t := range [][2]string{{"tar", "tar"}, {"zstd", "zstd"}, {timeBin, "time"}, {"curl", "curl"}, {ftptest.VsftpdPath, "vsftpd"}} {
		if _, err := exec.LookPath(t[0]); err != nil {
			return fmt.Errorf("%s not found: apt-get install %s", t[0], t[1])
		}
	}
	out, err := exec.Command("tar", "--version").Output()
	if err != nil || len(out) < 14 || string(out[:14]) != "tar (GNU tar) " {
		return fmt.Errorf("GNU tar is needed for --listed-incremental")
	}
	return nil
}

// environment describes the machine for the report's header. A high load average means other
// work shared the machine: the times are then noisy.
func environment(start string) string {
	return fmt.Sprintf("%s/%s, %d CPUs, load average %s at the start and %s at the end, warm page cache (peers and Coffre alike)",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), start, loadAverage())
}

// loadAverage is the 1-minute load average.
func loadAverage() string {
	load, _ := os.ReadFile("/proc/loadavg")
	avg, _, _ := strings.Cut(string(load), " ")
	return avg
}

// absDir makes the work folder absolute (commands run in other folders) and puts a go.mod in
// it: the go tool then skips the trees when it walks ./... (it costs seconds otherwise).
func absDir(dir string) (string, error) {
	d, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	if err := os.MkdirAll(d, 0o755); err != nil {
		return "", err
	}
	mod := filepath.Join(d, "go.mod")
	if _, err := os.Stat(mod); err == nil {
		return d, nil
	}
	return d, os.WriteFile(mod, []byte("// The benchmark's trees and outputs: not Go code.\nmodule benchout\n"), 0o644)
}
