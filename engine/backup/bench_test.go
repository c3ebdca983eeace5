package backup

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/engine/spec"
	"coffre/engine/storage"
)

// corpus writes a small hosting-like tree: PHP and HTML files, images that do not compress,
// large logs, and a Maildir; scale 1 is about 100 MB.
func corpus(t testing.TB, root string, scale int) {
	rng := rand.New(rand.NewPCG(1, 2))
	words := make([]string, 3000)
	for i := range words {
		n := 2 + rng.IntN(9)
		b := make([]byte, n)
		for j := range b {
			b[j] = byte('a' + rng.IntN(26))
		}
		words[i] = string(b)
	}
	text := func(size int) []byte {
		var sb strings.Builder
		for sb.Len() < size {
			switch rng.IntN(4) {
			case 0:
				fmt.Fprintf(&sb, "<?php $%s = %s_%s($%s, %d);\n", words[rng.IntN(300)], words[rng.IntN(3000)],
					words[rng.IntN(300)], words[rng.IntN(300)], rng.IntN(1000))
			case 1:
				fmt.Fprintf(&sb, "<div class=\"%s %s\">%s %s %s</div>\n", words[rng.IntN(200)],
					words[rng.IntN(200)], words[rng.IntN(3000)], words[rng.IntN(3000)], words[rng.IntN(3000)])
			default:
				for k := 0; k < 12; k++ {
					sb.WriteString(words[int(rng.ExpFloat64()*300)%3000])
					sb.WriteByte(' ')
				}
				sb.WriteByte('\n')
			}
		}
		return []byte(sb.String())
	}
	write := func(rel string, data []byte) {
		p := filepath.Join(root, rel)
		must(t, os.MkdirAll(filepath.Dir(p), 0o755))
		must(t, os.WriteFile(p, data, 0o644))
	}
	for i := 0; i < 6000*scale; i++ {
		write(fmt.Sprintf("httpdocs/wp-content/plugins/p%02d/d%02d/f%05d.php", i%40, i%17, i), text(200+rng.IntN(6000)))
	}
	for i := 0; i < 120*scale; i++ {
		b := make([]byte, 50_000+rng.IntN(400_000))
		for j := range b {
			b[j] = byte(rng.Uint32())
		}
		write(fmt.Sprintf("httpdocs/wp-content/uploads/2024/%02d/img%04d.jpg", i%12, i), b)
	}
	for i := 0; i < 3*scale; i++ {
		var sb strings.Builder
		for sb.Len() < 8<<20 {
			fmt.Fprintf(&sb, "203.0.113.%d - - [25/Nov/2026:09:%02d:%02d +0000] \"GET /%s/%s HTTP/1.1\" 200 %d \"-\" \"Mozilla/5.0\"\n",
				rng.IntN(255), rng.IntN(60), rng.IntN(60), words[rng.IntN(500)], words[rng.IntN(3000)], rng.IntN(90000))
		}
		write(fmt.Sprintf("logs/access_log.%d", i), []byte(sb.String()))
	}
	for i := 0; i < 1500*scale; i++ {
		write(fmt.Sprintf("mail/cur/%d.M%dP%d.host:2,S", 1700000000+i, i, i), text(1000+rng.IntN(8000)))
	}
}

// discard is a storage that keeps only the sizes, so that both sides write nowhere.
type discard struct {
	storage.Storage
	n atomic.Int64
}

func (d *discard) Put(ctx context.Context, name string, r io.Reader) (int64, error) {
	if strings.Contains(name, ".manifest.") || strings.Contains(name, ".index.") {
		return d.Storage.Put(ctx, name, r)
	}
	n, err := io.Copy(io.Discard, r)
	d.n.Add(n)
	return n, err
}

// BenchmarkFullBackupVsTarZstd compares a full backup with `tar -cf - | zstd -3 -T0` on one
// tree, alternating the two; it reports the ratios of the best wall times, of the CPU times,
// and of the output sizes. COFFRE_BENCH_SCALE sets the corpus size (1 = about 80 MB);
// COFFRE_BENCH_DIR keeps the corpus between runs.
func BenchmarkFullBackupVsTarZstd(b *testing.B) {
	for _, tool := range []string{"tar", "zstd", "sh"} {
		if _, err := exec.LookPath(tool); err != nil {
			b.Skip(tool + " not installed")
		}
	}
	root := benchCorpus(b)
	_, key, _ := ed25519.GenerateKey(nil)
	acct := account.Account{Client: account.Client{Login: "acme"},
		Subscriptions: []account.Subscription{{Domain: "a.example", Client: "acme", Root: root}}}
	var best, bestTar [2]time.Duration // wall, CPU
	best[0], bestTar[0] = 1<<62, 1<<62
	var size, tarSize int64
	for i := 0; b.Loop(); i++ {
		tw, tc, ts := timeTar(b, root)
		bestTar, tarSize = minTimes(bestTar, tw, tc), ts
		st := &discard{Storage: storage.NewMem()}
		c0, start := selfCPU(), time.Now()
		_, err := Run(context.Background(), Options{Account: acct, HostKey: key, Storage: st,
			Spec:  spec.Backup{Client: "acme", Scope: spec.ScopeAccount, Files: true, Storage: "server"},
			Clock: func() time.Time { return time.Unix(int64(i), 0) }})
		must(b, err)
		best, size = minTimes(best, time.Since(start), selfCPU()-c0), st.n.Load()
	}
	b.ReportMetric(float64(best[0])/float64(bestTar[0]), "wall-ratio")
	b.ReportMetric(float64(best[1])/float64(bestTar[1]), "cpu-ratio")
	b.ReportMetric(float64(size)/float64(tarSize), "size-ratio")
	b.Logf("coffre: wall %v cpu %v, %d bytes; tar|zstd -3 -T0: wall %v cpu %v, %d bytes",
		best[0], best[1], size, bestTar[0], bestTar[1], tarSize)
}

func benchCorpus(b *testing.B) string {
	scale := 1
	fmt.Sscan(os.Getenv("COFFRE_BENCH_SCALE"), &scale)
	dir := os.Getenv("COFFRE_BENCH_DIR")
	if dir == "" {
		dir = b.TempDir()
	}
	root := filepath.Join(dir, fmt.Sprintf("scale%d", scale), "a.example")
	if _, err := os.Stat(root); err != nil {
		corpus(b, root, scale)
		must(b, exec.Command("sync").Run())
	}
	return root
}

func minTimes(best [2]time.Duration, wall, cpu time.Duration) [2]time.Duration {
	if wall < best[0] {
		best[0] = wall
	}
	if cpu < best[1] || best[1] == 0 {
		best[1] = cpu
	}
	return best
}

func selfCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func childCPU() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// timeTar runs tar | zstd -3 -T0 once: wall time, CPU time, output size.
func timeTar(b testing.TB, root string) (time.Duration, time.Duration, int64) {
	c0, start := childCPU(), time.Now()
	out, err := exec.Command("sh", "-c", "tar -cf - -C "+root+" . | zstd -q -3 -T0 | wc -c").Output()
	must(b, err)
	wall, cpu := time.Since(start), childCPU()-c0
	var size int64
	fmt.Sscan(string(out), &size)
	return wall, cpu, size
}

// BenchmarkNoChangeIncrementalVsTar compares an incremental backup of an unchanged tree with
// GNU tar --listed-incremental (level 1 against a level 0 snapshot) piped to zstd.
func BenchmarkNoChangeIncrementalVsTar(b *testing.B) {
	for _, tool := range []string{"tar", "zstd", "sh", "cp"} {
		if _, err := exec.LookPath(tool); err != nil {
			b.Skip(tool + " not installed")
		}
	}
	root := benchCorpus(b)
	snap := filepath.Join(b.TempDir(), "snap")
	sh := func(cmd string) {
		out, err := exec.Command("sh", "-c", cmd).CombinedOutput()
		if err != nil {
			b.Fatalf("%s: %v %s", cmd, err, out)
		}
	}
	sh("tar --listed-incremental=" + snap + "0 -cf - -C " + root + " . | zstd -q -3 -T0 > /dev/null")
	_, key, _ := ed25519.GenerateKey(nil)
	acct := account.Account{Client: account.Client{Login: "acme"},
		Subscriptions: []account.Subscription{{Domain: "a.example", Client: "acme", Root: root}}}
	st, err := storage.NewLocal(b.TempDir())
	must(b, err)
	opts := Options{Account: acct, HostKey: key, Storage: st,
		Spec: spec.Backup{Client: "acme", Scope: spec.ScopeAccount, Files: true, Storage: "server", Incremental: true}}
	now := time.Unix(0, 0)
	opts.Clock = func() time.Time { return now }
	_, err = Run(context.Background(), opts)
	must(b, err)
	var best, bestTar [2]time.Duration
	best[0], bestTar[0] = 1<<62, 1<<62
	for b.Loop() {
		c0, start := childCPU(), time.Now()
		sh("cp " + snap + "0 " + snap + " && tar --listed-incremental=" + snap + " -cf - -C " + root + " . | zstd -q -3 -T0 > /dev/null")
		bestTar = minTimes(bestTar, time.Since(start), childCPU()-c0)
		now = now.Add(time.Hour)
		c0, start = selfCPU(), time.Now()
		res, err := Run(context.Background(), opts)
		must(b, err)
		best = minTimes(best, time.Since(start), selfCPU()-c0)
		if res.Entry.Type != "incremental" || res.Entry.Files != 0 {
			b.Fatalf("not a no-change incremental: %+v", res.Entry)
		}
	}
	b.ReportMetric(float64(best[0])/float64(bestTar[0]), "wall-ratio")
	b.ReportMetric(float64(best[1])/float64(bestTar[1]), "cpu-ratio")
	b.Logf("coffre: wall %v cpu %v; tar --listed-incremental: wall %v cpu %v", best[0], best[1], bestTar[0], bestTar[1])
}
