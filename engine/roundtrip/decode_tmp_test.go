package roundtrip

import (
	"context"
	"io"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/engine/archive"
	"coffre/engine/manifest"
	"coffre/internal/corpus"
)

func TestDecodeTmp(t *testing.T) {
	e := newEnv(t, nil)
	src := filepath.Join(t.TempDir(), "corpus")
	must(t, corpus.Generate(src, 0.05, 1))
	for _, d := range corpus.Sites {
		e.acct.Subscriptions = append(e.acct.Subscriptions, account.Subscription{
			Domain: d, Client: client, Root: filepath.Join(src, d), Logs: []string{"logs"}})
	}
	full := e.backup(e.spec(false)).Entry
	m, _ := manifest.Load(context.Background(), e.st, full.Name)
	var vols []string
	for _, v := range full.Volumes {
		vols = append(vols, filepath.Join(e.stDir, v.Name))
	}
	for range 4 {
		start := time.Now()
		ar, _ := archive.NewReader(context.Background(), e.st, m.Volumes, archive.Limits{})
		n := 0
		var bytes int64
		for {
			_, err := ar.Next()
			if err == io.EOF {
				break
			}
			must(t, err)
			k, _ := io.Copy(io.Discard, ar)
			bytes += k
			n++
		}
		ar.Close()
		t.Logf("go decode %d entries %d bytes: %v", n, bytes, time.Since(start))
		start = time.Now()
		out, err := exec.Command("sh", "-c", "cat "+strings.Join(vols, " ")+" | zstd -d -q | tar -t | wc -l").CombinedOutput()
		must(t, err)
		t.Logf("zstd -d | tar -t: %v %s", time.Since(start), out)
		start = time.Now()
		exec.Command("sh", "-c", "cat "+strings.Join(vols, " ")+" | zstd -d -q > /dev/null").Run()
		t.Logf("zstd -d: %v", time.Since(start))
	}
}
