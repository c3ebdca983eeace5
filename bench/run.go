package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"syscall"
	"time"
)

// bench runs the steps on the trees, cfg.runs times.
type bench struct {
	cfg     config
	bin     string // the Coffre binary, absolute
	trees   []*tree
	work    string               // outputs of one pass
	results map[string][]measure // by "<tree>/<step>/<tool>", one per run
	log     io.Writer
	load    string // the load average at the start
}

// pass is one run of the steps on one tree.
type pass struct {
	b    *bench
	t    *tree
	work string
	c    coffre
	full string // Coffre's full backup of this pass
	ftp  *ftpServer
}

// run prepares the trees, runs the sequence cfg.runs times, prints the table to w and
// returns the measures by key. Progress goes to log.
func run(ctx context.Context, cfg config, w, log io.Writer) (map[string][]measure, error) {
	if err := checkTools(cfg.coffre); err != nil {
		return nil, err
	}
	dir, err := absDir(cfg.dir)
	if err != nil {
		return nil, err
	}
	bin, err := filepath.Abs(cfg.coffre)
	if err != nil {
		return nil, err
	}
	b := &bench{cfg: cfg, bin: bin, work: filepath.Join(dir, "run"), results: map[string][]measure{},
		log: log, load: loadAverage()}
	if b.trees, err = trees(cfg, dir); err != nil {
		return nil, err
	}
	for i := range max(1, cfg.runs) {
		for _, t := range b.trees {
			if err := b.pass(ctx, t, i); err != nil {
				return nil, err
			}
		}
	}
	for _, t := range b.trees {
		if err := t.ensure(); err != nil { // undo the change
			return nil, err
		}
	}
	report(w, b)
	return b.results, b.writeJSON()
}

// pass runs every step on t once.
func (b *bench) pass(ctx context.Context, t *tree, i int) error {
	b.logf("run %d, %s: preparing the tree in %s", i+1, t.name, t.dir)
	if err := t.ensure(); err != nil {
		return err
	}
	if err := os.RemoveAll(b.work); err != nil {
		return err
	}
	if err := os.MkdirAll(b.work, 0o755); err != nil {
		return err
	}
	c, err := setUp(b.bin, filepath.Join(b.work, "data"), t)
	if err != nil {
		return err
	}
	b.logf("warming the page cache")
	if m := pipeline(io.Discard, (&pass{t: t}).tar("-cf", "-", ".")); m.Err != nil {
		return m.Err
	}
	p := &pass{b: b, t: t, work: b.work, c: c}
	for _, s := range steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		if s.only == "" || s.only == t.name {
			p.step(s)
		}
	}
	if !b.cfg.keep {
		return os.RemoveAll(b.work)
	}
	return nil
}

// step runs s's peer then Coffre, and records their measures.
func (p *pass) step(s step) {
	key := p.t.name + "/" + s.key + "/"
	if s.before != nil {
		if err := s.before(p); err != nil {
			p.b.keep(key+"coffre", measure{Err: err})
			return
		}
	}
	if s.after != nil {
		defer s.after(p)
	}
	if s.peer != nil {
		p.b.keep(key+"peer", s.peer(p))
	}
	if s.coffre != nil {
		p.b.keep(key+"coffre", s.coffre(p))
	}
}

// keep records m under key.
func (b *bench) keep(key string, m measure) {
	if m.Err != nil {
		b.logf("%s: %v", key, m.Err)
	} else {
		b.logf("%s: %v, cpu %v, %s", key, m.Wall.Round(time.Millisecond), m.CPU.Round(time.Millisecond), mb(m.RSS))
	}
	b.results[key] = append(b.results[key], m)
}

// median is the measure of key whose every field is the median of the successful runs (an
// error if none succeeded); ok is false when the step never ran.
func (b *bench) median(key string) (m measure, ok bool) {
	var good []measure
	for _, r := range b.results[key] {
		if r.Err == nil {
			good = append(good, r)
		} else {
			m.Err = r.Err
		}
	}
	if len(good) == 0 {
		return m, len(b.results[key]) > 0
	}
	m = good[len(good)-1]
	m.Wall = mid(good, func(r measure) time.Duration { return r.Wall })
	m.CPU = mid(good, func(r measure) time.Duration { return r.CPU })
	m.RSS = mid(good, func(r measure) int64 { return r.RSS })
	m.Output = mid(good, func(r measure) int64 { return r.Output })
	m.Runs = len(good)
	return m, true
}

// mid is the median of f over ms (the mean of the middle two for an even count).
func mid[T int64 | time.Duration](ms []measure, f func(measure) T) T {
	v := make([]T, len(ms))
	for i, m := range ms {
		v[i] = f(m)
	}
	slices.Sort(v)
	if n := len(v); n%2 == 0 {
		return (v[n/2-1] + v[n/2]) / 2
	}
	return v[len(v)/2]
}

// settle writes dirty pages back before a measure, so no step pays for the previous one.
func settle() { syscall.Sync() }

func (b *bench) logf(format string, args ...any) {
	fmt.Fprintf(b.log, "bench: "+format+"\n", args...)
}

// writeJSON writes the medians to cfg.json, if asked.
func (b *bench) writeJSON() error {
	if b.cfg.json == "" {
		return nil
	}
	out := map[string]any{}
	for k := range b.results {
		m, _ := b.median(k)
		v := map[string]any{"wallSeconds": m.Wall.Seconds(), "cpuSeconds": m.CPU.Seconds(),
			"peakRSS": m.RSS, "output": m.Output, "runs": m.Runs}
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
