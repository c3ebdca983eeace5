package backup

import (
	"context"
	"crypto/ed25519"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/engine/spec"
	"coffre/engine/storage"
)

func TestMemPeak(t *testing.T) {
	root := "/tmp/coffre-bench/scale1/a.example"
	if _, err := os.Stat(root); err != nil {
		t.Skip()
	}
	runtime.MemProfileRate = 4096
	_, key, _ := ed25519.GenerateKey(nil)
	acct := account.Account{Client: account.Client{Login: "acme"},
		Subscriptions: []account.Subscription{{Domain: "a.example", Client: "acme", Root: root}}}
	done := make(chan struct{})
	stopped := make(chan struct{})
	var peak uint64
	go func() {
		defer close(stopped)
		for {
			select {
			case <-done:
				return
			case <-time.After(10 * time.Millisecond):
			}
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			if m.HeapInuse > peak {
				peak = m.HeapInuse
				f, _ := os.Create("/tmp/heap.out")
				pprof.Lookup("heap").WriteTo(f, 0)
				f.Close()
			}
		}
	}()
	st := &discard{Storage: storage.NewMem()}
	_, err := Run(context.Background(), Options{Account: acct, HostKey: key, Storage: st,
		Spec: spec.Backup{Client: "acme", Scope: spec.ScopeAccount, Files: true, Storage: "server"}})
	close(done)
	<-stopped
	must(t, err)
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	t.Logf("peak heap inuse %d MB, sys %d MB, numGC %d", peak>>20, m.Sys>>20, m.NumGC)
}
