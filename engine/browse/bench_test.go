package browse

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"coffre/engine/index"
)

// BenchmarkOpenTree reads an index of 131k paths, the size of the bench corpus's (4
// subscriptions, folders of 50 to 2 000 entries), builds its Tree and lists the first level:
// what the Contents page waits for the first time it opens a backup.
func BenchmarkOpenTree(b *testing.B) {
	data := syntheticIndex(b, 131_000)
	b.ResetTimer()
	for b.Loop() {
		start := time.Now()
		ir, err := index.NewReader(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		t, err := Build(b.Context(), ir, 0)
		ir.Close()
		if err != nil {
			b.Fatal(err)
		}
		if p, err := t.List("", 0, 100); err != nil || p.Total != 4 {
			b.Fatalf("%+v %v", p, err)
		}
		b.ReportMetric(float64(t.Cost())/(1<<20), "MiB")
		b.ReportMetric(time.Since(start).Seconds(), "s-first-level")
	}
}

func syntheticIndex(b *testing.B, n int) []byte {
	var buf bytes.Buffer
	w, err := index.NewWriter(&buf, "acme_2026-11-25T093000Z_incremental")
	if err != nil {
		b.Fatal(err)
	}
	add := func(e index.Entry) {
		if err := w.Add(&e); err != nil {
			b.Fatal(err)
		}
	}
	holders := []string{"acme_2026-11-23T093000Z_full", "acme_2026-11-24T093000Z_incremental", "acme_2026-11-25T093000Z_incremental"}
	per := n / 4
	for _, d := range []string{"app.example", "blog.example", "shop.example", "static.example"} {
		add(index.Entry{Path: index.PathOf(d, ""), Type: index.Dir, Mode: 0o755})
		add(index.Entry{Path: index.PathOf(d, "httpdocs"), Type: index.Dir, Mode: 0o755})
		for k, left := 0, per; left > 0; k++ {
			dir := fmt.Sprintf("httpdocs/d%04d", k)
			add(index.Entry{Path: index.PathOf(d, dir), Type: index.Dir, Mode: 0o755})
			files := min(left, 50+k*37%1950)
			for i := 0; i < files; i++ {
				add(index.Entry{Path: index.PathOf(d, fmt.Sprintf("%s/file-%05d.php", dir, i)), Type: index.File, Mode: 0o644,
					Size: int64(1000 + i), MTime: int64(i) * 1e9, Holder: holders[i%3], Offset: int64(i+1) * 1024})
			}
			left -= files
		}
	}
	if err := w.Close(); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}
