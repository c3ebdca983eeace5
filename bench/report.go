package main

import (
	"fmt"
	"io"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// target is a goal on one step of one tree ("" every tree): value computes what is compared
// with limit (at most), from the medians; ok is false when it could not be measured.
type target struct {
	what, tree string
	limit      float64
	unit       string // "x" for a ratio, "s" for seconds
	value      func(b *bench, tree string) (v float64, ok bool)
}

var targets = []target{
	{"full backup time / tar | zstd", "", 0.9, "x", timeRatio(stepFull)},
	{"full backup size / tar | zstd", "", 1.05, "x", sizeRatio(stepFull)},
	{"no-change incremental time / tar -g", "", 0.8, "x", timeRatio(stepNoChange)},
	{"full restore time / zstd -d | tar -x", "", 1.0, "x", timeRatio(stepRestore)},
	{"CLI start: coffre backups, CPU", "", 0.05, "s", coffreCPU(stepList)},
	{"FTP backup time / server-storage backup", "corpus", ftpLimit, "x", ftpRatio},
	{"encrypted full backup time / without a password", "corpus", protectLimit, "x", timeRatio(stepProtect)},
	{"sparse file backup time", "corpus", sparseLimit.Seconds(), "s", coffreTime(stepSparse)},
}

// rssLimit is the goal for Coffre's peak memory on every step.
const rssLimit = 150e6

func timeRatio(step string) func(*bench, string) (float64, bool) {
	return func(b *bench, tree string) (float64, bool) {
		return b.ratio(tree, step, func(m measure) float64 { return m.Wall.Seconds() })
	}
}

func sizeRatio(step string) func(*bench, string) (float64, bool) {
	return func(b *bench, tree string) (float64, bool) {
		return b.ratio(tree, step, func(m measure) float64 { return float64(m.Output) })
	}
}

// ratio is the median, over the runs where both succeeded, of Coffre's f over its peer's in
// the same run: a machine whose load changes from run to run moves both alike.
func (b *bench) ratio(tree, step string, f func(measure) float64) (float64, bool) {
	cs, ps := b.results[tree+"/"+step+"/coffre"], b.results[tree+"/"+step+"/peer"]
	var rs []float64
	for i := 0; i < len(cs) && i < len(ps); i++ {
		if cs[i].Err == nil && ps[i].Err == nil && f(ps[i]) > 0 {
			rs = append(rs, f(cs[i])/f(ps[i]))
		}
	}
	if len(rs) == 0 {
		return 0, false
	}
	slices.Sort(rs)
	if n := len(rs); n%2 == 0 {
		return (rs[n/2-1] + rs[n/2]) / 2, true
	}
	return rs[len(rs)/2], true
}

func coffreTime(step string) func(*bench, string) (float64, bool) {
	return func(b *bench, tree string) (float64, bool) {
		c, ok := b.median(tree + "/" + step + "/coffre")
		return c.Wall.Seconds(), ok && c.Err == nil
	}
}

// coffreCPU is the CPU time of Coffre on a step: what starting the CLI costs, which a loaded
// machine's wait for a core does not change.
func coffreCPU(step string) func(*bench, string) (float64, bool) {
	return func(b *bench, tree string) (float64, bool) {
		c, ok := b.median(tree + "/" + step + "/coffre")
		return c.CPU.Seconds(), ok && c.Err == nil
	}
}

func ftpRatio(b *bench, tree string) (float64, bool) {
	f, ok1 := b.median(tree + "/" + stepFTP + "/coffre")
	s, ok2 := b.median(tree + "/" + stepFull + "/coffre")
	return f.Wall.Seconds() / s.Wall.Seconds(), ok1 && ok2 && f.Err == nil && s.Err == nil && s.Wall > 0
}

// report prints, for each tree, the table of medians, then the targets.
func report(w io.Writer, b *bench) {
	fmt.Fprintf(w, "\nCoffre benchmark: %s through %s as an administrator runs it; %s\n",
		treesAbout(b), b.cfg.coffre, environment(b.load))
	fmt.Fprintf(w, "Peers: %s, %s. Median of %d run(s) of every step; ratios are medians of the ratios within a run. A pipeline's peak RSS is the sum of its processes' peaks.\n",
		version("tar"), version("zstd"), max(1, b.cfg.runs))
	fmt.Fprintf(w, "Coffre fsyncs what it stores (server storage contract); the peers' outputs are not fsynced.\n")
	for _, t := range b.trees {
		fmt.Fprintf(w, "\n%s: %s\n", t.name, t.about)
		table(w, b, t.name)
		checks(w, b, t.name)
	}
}

func treesAbout(b *bench) string {
	var s []string
	for _, t := range b.trees {
		s = append(s, t.about)
	}
	return strings.Join(s, "; ")
}

// table prints the medians of each step on tree.
func table(w io.Writer, b *bench, tree string) {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "step\ttool\ttime\tcpu\toutput\tpeak RSS\tvs peer (time, cpu)\tnote\t")
	for _, s := range steps {
		key := tree + "/" + s.key + "/"
		peer, ran := b.median(key + "peer")
		if ran {
			row(tw, s.title, s.peerTitle, peer, "")
		}
		if c, ok := b.median(key + "coffre"); ok {
			title := s.title
			if ran {
				title = ""
			}
			wall, okW := b.ratio(tree, s.key, func(m measure) float64 { return m.Wall.Seconds() })
			cpu, okC := b.ratio(tree, s.key, func(m measure) float64 { return m.CPU.Seconds() })
			vs := ""
			if okW && okC {
				vs = fmt.Sprintf("%.2fx, %.2fx", wall, cpu)
			}
			row(tw, title, "coffre", c, vs)
		}
	}
	tw.Flush()
}

// row prints one tool's medians, and for Coffre its ratios to the peer (vs).
func row(w io.Writer, title, tool string, m measure, vs string) {
	if m.Err != nil {
		fmt.Fprintf(w, "%s\t%s\tfailed\t\t\t\t\t%s\t\n", title, tool, oneLine(m.Err.Error(), 200))
		return
	}
	fmt.Fprintf(w, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", title, tool, secs(m.Wall), secs(m.CPU),
		mb(m.Output), mb(m.RSS), vs, m.Note)
}

// checks prints each target of tree with its value and whether it is met, then the peak RSS.
func checks(w io.Writer, b *bench, tree string) {
	fmt.Fprintln(w, "Targets:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, t := range targets {
		if t.tree != "" && t.tree != tree {
			continue
		}
		v, ok := t.value(b, tree)
		got, verdict := "n/a", "not measured"
		if ok {
			got, verdict = fmt.Sprintf("%.2f%s", v, t.unit), metOr(v <= t.limit)
		}
		fmt.Fprintf(tw, "  %s\t%s\t<= %.2f%s\t%s\n", t.what, got, t.limit, t.unit, verdict)
	}
	var peak int64
	for _, s := range steps {
		if c, ok := b.median(tree + "/" + s.key + "/coffre"); ok && c.Err == nil {
			peak = max(peak, c.RSS)
		}
	}
	fmt.Fprintf(tw, "  Coffre peak RSS, any step\t%s\t< %s\t%s\n", mb(peak), mb(rssLimit), metOr(peak > 0 && peak < rssLimit))
	tw.Flush()
}

func metOr(ok bool) string {
	if ok {
		return "met"
	}
	return "MISSED"
}

func secs(d time.Duration) string { return fmt.Sprintf("%.2fs", d.Seconds()) }

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// oneLine keeps s on one line of at most n bytes.
func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		s = s[:n] + "..."
	}
	return s
}

var versionRe = regexp.MustCompile(`v?\d+\.\d+(\.\d+)?`)

// version returns "tool x.y.z" from the tool's --version output.
func version(tool string) string {
	out, _ := exec.Command(tool, "--version").Output()
	first, _, _ := strings.Cut(string(out), "\n")
	return tool + " " + strings.TrimPrefix(versionRe.FindString(first), "v")
}
