package backup

import (
	"context"
	"crypto/ed25519"
	"os"
	"runtime/pprof"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/engine/spec"
	"coffre/engine/storage"
)

func TestIncPhases(t *testing.T) {
	root := "/tmp/coffre-bench/scale16/a.example"
	_, key, _ := ed25519.GenerateKey(nil)
	acct := account.Account{Client: account.Client{Login: "acme"},
		Subscriptions: []account.Subscription{{Domain: "a.example", Client: "acme", Root: root}}}
	st, _ := storage.NewLocal(t.TempDir())
	now := time.Unix(0, 0)
	opts := Options{Account: acct, HostKey: key, Storage: st,
		Spec: spec.Backup{Client: "acme", Scope: spec.ScopeAccount, Files: true, Storage: "server", Incremental: true}}
	opts.Clock = func() time.Time { return now }
	_, err := Run(context.Background(), opts)
	must(t, err)
	f, _ := os.Create("/tmp/inc.prof")
	pprof.StartCPUProfile(f)
	defer pprof.StopCPUProfile()
	for i := 0; i < 5; i++ {
		now = now.Add(time.Hour)
		start := time.Now()
		last := start
		opts.Progress = func(p Progress) {
			t.Logf("%s +%v", p.Phase, time.Since(last))
			last = time.Now()
		}
		_, err := Run(context.Background(), opts)
		must(t, err)
		t.Logf("total %v", time.Since(start))
	}
}
