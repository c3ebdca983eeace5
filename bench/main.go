// Command bench measures Coffre's backup and restore against tar and zstd on a generated,
// hosting-like corpus, and prints a table of times, sizes and peak memory against the targets.
// Usage: go run ./bench [-scale 1] [-runs 1] [-dir bench/out]; see README.md.
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
	dir   string  // work folder: corpus/ (cached), run/ (outputs, removed after)
	scale float64 // corpus scale: 1 is about 1.5 GB
	seed  int64
	runs  int    // each step runs this many times; the fastest run counts
	json  string // also write the results as JSON to this file
	keep  bool   // keep run/ after the benchmark
}

func main() {
	if os.Getenv(childEnv) != "" {
		os.Exit(child(os.Args[1:]))
	}
	var cfg config
	flag.StringVar(&cfg.dir, "dir", "bench/out", "work folder: the cached corpus and the outputs")
	flag.Float64Var(&cfg.scale, "scale", 1, "corpus scale (1: about 1.5 GB, 131k files)")
	flag.Int64Var(&cfg.seed, "seed", 1, "corpus seed")
	flag.IntVar(&cfg.runs, "runs", 1, "runs of the whole sequence; each step's fastest run counts")
	flag.StringVar(&cfg.json, "json", "", "also write the results as JSON to this file")
	flag.BoolVar(&cfg.keep, "keep", false, "keep the outputs (archives, backups, restored trees)")
	flag.Parse()
	if _, err := run(context.Background(), cfg, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// checkTools fails early, naming the Debian packages, when a peer tool is missing.
func checkTools() error {
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
func environment() string {
	load, _ := os.ReadFile("/proc/loadavg")
	avg, _, _ := strings.Cut(string(load), " ")
	return fmt.Sprintf("%s/%s, %d CPUs, load average %s, warm page cache (peers and Coffre alike)",
		runtime.GOOS, runtime.GOARCH, runtime.NumCPU(), avg)
}

// absDir makes the work folder absolute (commands run in other folders) and puts a go.mod in
// it: the go tool then skips the corpus when it walks ./... (it costs seconds otherwise).
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
	return d, os.WriteFile(mod, []byte("// The benchmark's corpus and outputs: not Go code.\nmodule benchout\n"), 0o644)
}
