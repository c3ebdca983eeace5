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

// BenchmarkFullBackupVsTarZstd compares a full backup with `tar -cf - | zstd -3 -T0` on one tree.
// COFFRE_BENCH_SCALE sets the corpus size (1 = about 100 MB).
func BenchmarkFullBackupVsTarZstd(b *testing.B) {
	for _, tool := range []string{"tar", "zstd", "sh"} {
		if _, err := exec.LookPath(tool); err != nil {
			b.Skip(tool + " not installed")
		}
	}
	scale := 1
	fmt.Sscan(os.Getenv("COFFRE_BENCH_SCALE"), &scale)
	dir := b.TempDir()
	root := filepath.Join(dir, "vhosts", "a.example")
	corpus(b, root, scale)
	_, key, _ := ed25519.GenerateKey(nil)
	acct := account.Account{Client: account.Client{Login: "acme"},
		Subscriptions: []account.Subscription{{Domain: "a.example", Client: "acme", Root: root}}}
	tarTime, tarSize := timeTar(b, root)
	var coffre time.Duration
	var size int64
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		st := &discard{Storage: storage.NewMem()}
		start := time.Now()
		_, err := Run(context.Background(), Options{Account: acct, HostKey: key, Storage: st,
			Spec: spec.Backup{Client: "acme", Scope: spec.ScopeAccount, Files: true, Storage: "server"},
			Clock: func() time.Time { return time.Unix(int64(i), 0) }})
		must(b, err)
		coffre += time.Since(start)
		size = st.n.Load()
	}
	per := coffre / time.Duration(b.N)
	b.ReportMetric(float64(per)/float64(tarTime), "time-ratio")
	b.ReportMetric(float64(size)/float64(tarSize), "size-ratio")
	b.Logf("coffre %v %d bytes; tar|zstd -3 -T0 %v %d bytes", per, size, tarTime, tarSize)
}

func timeTar(b testing.TB, root string) (time.Duration, int64) {
	best := time.Duration(1 << 62)
	var size int64
	for i := 0; i < 3; i++ {
		start := time.Now()
		out, err := exec.Command("sh", "-c", "tar -cf - -C "+root+" . | zstd -q -3 -T0 | wc -c").Output()
		if err != nil {
			panic(err)
		}
		best = min(best, time.Since(start))
		fmt.Sscan(string(out), &size)
	}
	return best, size
}
