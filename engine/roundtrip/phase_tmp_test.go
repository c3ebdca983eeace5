package roundtrip

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/engine/backup"
	"coffre/engine/restore"
	"coffre/engine/spec"
	"coffre/internal/corpus"
)

func TestPhaseTmp(t *testing.T) {
	e := newEnv(t, nil)
	src := filepath.Join(t.TempDir(), "corpus")
	must(t, corpus.Generate(src, 0.05, 1))
	for _, d := range corpus.Sites {
		e.acct.Subscriptions = append(e.acct.Subscriptions, account.Subscription{
			Domain: d, Client: client, Root: filepath.Join(src, d), Logs: []string{"logs"}})
	}
	full := e.backup(e.spec(false)).Entry
	for _, w := range []int{1, 2, 4, 8, 1, 4} {
		to := "/dev/shm/coffre-phase-to"
		exec.Command("sync").Run()
		start := time.Now()
		last := start
		_, err := restore.Run(context.Background(), restore.Options{Account: e.acct, Storage: e.st, Workers: w,
			Spec: spec.Restore{Client: client, Backup: full.Name, To: to},
			Progress: func(p backup.Progress) {
				if p.Current == "" {
					t.Logf("  %s after %v", p.Phase, time.Since(last)); last = time.Now()
				}
			}})
		must(t, err)
		t.Logf("workers %d: %v", w, time.Since(start))
		os.RemoveAll(to)
	}
}
