package backup

import (
	"context"
	"crypto/ed25519"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/engine/spec"
	"coffre/engine/storage"
)

func TestPhases(t *testing.T) {
	root := "/tmp/coffre-corpus/a.example"
	if _, err := os.Stat(root); err != nil {
		corpus(t, root, 1)
		exec.Command("sync").Run()
	}
	_, key, _ := ed25519.GenerateKey(nil)
	acct := account.Account{Client: account.Client{Login: "acme"},
		Subscriptions: []account.Subscription{{Domain: "a.example", Client: "acme", Root: root}}}
	tt, ts := timeTar(nil, root)
	t.Logf("tar %v %d", tt, ts)
	for i := 0; i < 4; i++ {
		var ru0, ru syscall.Rusage
		syscall.Getrusage(0, &ru0)
		st := &discard{Storage: storage.NewMem()}
		start := time.Now()
		_, err := Run(context.Background(), Options{Account: acct, HostKey: key, Storage: st,
			Spec: spec.Backup{Client: "acme", Scope: spec.ScopeAccount, Files: true, Storage: "server"}})
		must(t, err)
		syscall.Getrusage(0, &ru)
		t.Logf("run %v size %d ratio %.2f user %v sys %v", time.Since(start), st.n.Load(), float64(time.Since(start))/float64(tt),
			time.Duration(ru.Utime.Nano()-ru0.Utime.Nano()), time.Duration(ru.Stime.Nano()-ru0.Stime.Nano()))
	}
	_ = filepath.Join
}
