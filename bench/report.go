package main

import (
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"strings"
	"text/tabwriter"
	"time"

	"coffre/internal/corpus"
)

// step describes a row pair of the table.
type step struct {
	key, title, peer string
	coffre           bool
}

var steps = []step{
	{stepFull, "full backup", "tar -cf - . | zstd -3 -T0", true},
	{stepLevel0, "full backup, incremental mode", "tar --listed-incremental | zstd -3 -T0", false},
	{stepNoChange, "incremental, no change", "tar --listed-incremental | zstd -3 -T0", true},
	{stepChange, "incremental, 1% changed", "tar --listed-incremental | zstd -3 -T0", true},
	{stepRestore, "full restore", "zstd -d | tar -x", true},
	{stepSparse, "8 GiB sparse file", "tar -S -cf - . | zstd -3 -T0", true},
}

// target is one of the goals: Coffre's measure over the peer's, at most limit.
type target struct {
	what, key string
	size      bool // compare outputs, not times
	limit     float64
}

var targets = []target{
	{"full backup time", stepFull, false, 0.9},
	{"full backup size", stepFull, true, 1.05},
	{"no-change incremental time", stepNoChange, false, 0.8},
	{"restore time", stepRestore, false, 1.0},
}

// rssLimit is the goal for Coffre's peak memory on every step.
const rssLimit = 150e6

// report prints the table of measures, then the targets.
func report(w io.Writer, b *bench, st corpus.Stats) {
	fmt.Fprintf(w, "\nCoffre benchmark: corpus of %s in %d files (scale %g, seed %d); %s\n",
		mb(st.Bytes), st.Files, b.cfg.scale, b.cfg.seed, environment())
	fmt.Fprintf(w, "Peers: %s, %s. Best of %d run(s). A pipeline's peak RSS is the sum of its processes' peaks.\n",
		version("tar"), version("zstd"), max(1, b.cfg.runs))
	fmt.Fprintf(w, "Coffre fsyncs what it stores (server storage contract); the peers' outputs are not fsynced.\n\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "step\ttool\ttime\tcpu\toutput\tpeak RSS\tvs peer (time, cpu)\tnote\t")
	var failures []string
	for _, s := range steps {
		peer := b.results[s.key+"/peer"]
		row(tw, s.title, s.peer, peer, measure{})
		if s.coffre {
			c, ok := b.results[s.key+"/coffre"]
			row(tw, "", "coffre", c, peer)
			if ok && c.Err != nil {
				failures = append(failures, fmt.Sprintf("coffre %s: %v", s.title, c.Err))
			}
		}
	}
	tw.Flush()
	for _, f := range failures {
		fmt.Fprintln(w, "  n/a:", f)
	}
	checks(w, b)
	for _, f := range reportFTP(w, b) {
		fmt.Fprintln(w, "  missed:", f)
	}
}

// row prints one tool's measure; with a peer, also the time ratio.
func row(w io.Writer, title, tool string, m, peer measure) {
	if m.Err != nil || m.Wall == 0 {
		fmt.Fprintf(w, "%s\t%s\tn/a\t\t\t\t\t\t\n", title, tool)
		return
	}
	ratio := ""
	if peer.Wall > 0 && peer.Err == nil {
		ratio = fmt.Sprintf("%.2fx, %.2fx", m.Wall.Seconds()/peer.Wall.Seconds(), m.CPU.Seconds()/peer.CPU.Seconds())
	}
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", title, tool, secs(m.Wall), secs(m.CPU),
		mb(m.Output), mb(m.RSS), ratio, m.Note)
}

// checks prints each target with its ratio and whether it is met.
func checks(w io.Writer, b *bench) {
	fmt.Fprintln(w, "\nTargets (Coffre / peer):")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, t := range targets {
		c, p := b.results[t.key+"/coffre"], b.results[t.key+"/peer"]
		got := "n/a"
		verdict := ""
		if c.Err == nil && p.Err == nil && c.Wall > 0 && p.Wall > 0 {
			r := c.Wall.Seconds() / p.Wall.Seconds()
			if t.size {
				r = float64(c.Output) / float64(p.Output)
			}
			got, verdict = fmt.Sprintf("%.2fx", r), pass(r <= t.limit)
		}
		fmt.Fprintf(tw, "  %s\t%s\t<= %.2fx\t%s\n", t.what, got, t.limit, verdict)
	}
	if c := b.results[stepSparse+"/coffre"]; c.Err == nil && c.Wall > 0 {
		fmt.Fprintf(tw, "  sparse file backup time\t%s\t<= %s\t%s\n", secs(c.Wall), secs(sparseLimit), pass(c.Wall <= sparseLimit))
	}
	var peak int64
	seen := false
	for _, s := range steps {
		if c, ok := b.results[s.key+"/coffre"]; ok && c.Err == nil {
			peak, seen = max(peak, c.RSS), true
		}
	}
	if seen {
		fmt.Fprintf(tw, "  Coffre peak RSS\t%s\t< %s\t%s\n", mb(peak), mb(rssLimit), pass(peak < rssLimit))
	} else {
		fmt.Fprintf(tw, "  Coffre peak RSS\tn/a\t< %s\t\n", mb(rssLimit))
	}
	tw.Flush()
}

func pass(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

var versionRe = regexp.MustCompile(`v?\d+\.\d+(\.\d+)?`)

// version returns "tool x.y.z" from the tool's --version output.
func version(tool string) string {
	out, _ := exec.Command(tool, "--version").Output()
	first, _, _ := strings.Cut(string(out), "\n")
	return tool + " " + strings.TrimPrefix(versionRe.FindString(first), "v")
}
