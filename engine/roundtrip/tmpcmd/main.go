package main

import (
	"context"
	"crypto/ed25519"
	"fmt"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"syscall"
	"time"

	"coffre/engine/account"
	"coffre/engine/backup"
	"coffre/engine/restore"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/internal/corpus"
)

func main() {
	dir := os.Args[2]
	st, _ := storage.NewLocal(filepath.Join(dir, "store"))
	a := account.Account{Client: account.Client{Login: "bench"}}
	for _, d := range corpus.Sites {
		a.Subscriptions = append(a.Subscriptions, account.Subscription{Domain: d, Client: "bench", Root: filepath.Join(dir, "corpus", d)})
	}
	key := ed25519.NewKeyFromSeed(make([]byte, 32))
	switch os.Args[1] {
	case "gen":
		if err := corpus.Generate(filepath.Join(dir, "corpus"), 0.05, 1); err != nil {
			panic(err)
		}
		res, err := backup.Run(context.Background(), backup.Options{Account: a, Storage: st, HostKey: key,
			Spec: spec.Backup{Client: "bench", Scope: spec.ScopeWebsites, Files: true, Storage: "server"}})
		if err != nil {
			panic(err)
		}
		fmt.Println(res.Entry.Name)
	case "restore":
		w, _ := strconv.Atoi(os.Args[5])
		if len(os.Args) > 6 {
			pf, _ := os.Create(os.Args[6])
			pprof.StartCPUProfile(pf)
			defer pprof.StopCPUProfile()
			for range 8 {
				os.RemoveAll(os.Args[4])
				restore.Run(context.Background(), restore.Options{Account: a, Storage: st, Workers: w,
					Spec: spec.Restore{Client: "bench", Backup: os.Args[3], To: os.Args[4]}})
			}
		}
		start := time.Now()
		last := start
		_, err := restore.Run(context.Background(), restore.Options{Account: a, Storage: st, Workers: w,
			Progress: func(p backup.Progress) {
				if p.Current == "" {
					fmt.Printf("  %s at %v (+%v)\n", p.Phase, time.Since(start), time.Since(last))
					last = time.Now()
				}
			},
			Spec: spec.Restore{Client: "bench", Backup: os.Args[3], To: os.Args[4]}})
		if err != nil {
			panic(err)
		}
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		fmt.Printf("wall %v user %v sys %v\n", time.Since(start), time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano()))
	}
}
