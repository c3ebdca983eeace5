package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"coffre/engine/account"
	"coffre/engine/backup"
	"coffre/engine/spec"
	"coffre/engine/storage"
	"coffre/internal/corpus"
)

// childArgs are the Coffre child's flags.
type childArgs struct {
	corpus, store, backup, to string
	ftp                       string // host:port/dir of an FTP storage, instead of store
	incremental               bool
}

// child runs "backup" or "restore" in this process and prints its result as JSON; it returns
// the exit status.
func child(args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(os.Stderr, "bench child: backup or restore?")
		return 2
	}
	var a childArgs
	fl := flag.NewFlagSet(args[0], flag.ContinueOnError)
	fl.StringVar(&a.corpus, "corpus", "", "corpus folder")
	fl.StringVar(&a.store, "store", "", "storage folder")
	fl.StringVar(&a.backup, "backup", "", "backup to restore")
	fl.StringVar(&a.to, "to", "", "restore into this folder")
	fl.BoolVar(&a.incremental, "incremental", false, "incremental backup")
	fl.StringVar(&a.ftp, ftpChildArg, "", "back up to this FTP storage (host:port/dir), staging in -store")
	if err := fl.Parse(args[1:]); err != nil {
		return 2
	}
	res, err := childRun(context.Background(), args[0], a)
	if err == nil {
		err = json.NewEncoder(os.Stdout).Encode(res)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench child %s: %v\n", args[0], err)
		return 1
	}
	return 0
}

func childRun(ctx context.Context, op string, a childArgs) (any, error) {
	if a.ftp != "" && op == "backup" {
		return ftpBackup(ctx, a)
	}
	st, err := storage.NewLocal(a.store)
	if err != nil {
		return nil, err
	}
	acct := benchAccount(a.corpus)
	switch op {
	case "backup":
		return backup.Run(ctx, backup.Options{
			Account: acct, Storage: st, HostKey: hostKey(),
			Spec: spec.Backup{Client: acct.Client.Login, Scope: spec.ScopeAccount, Files: true,
				Storage: spec.StorageServer, Incremental: a.incremental},
		})
	case "restore":
		return restoreBackup(ctx, acct, st, a.backup, a.to)
	}
	return nil, fmt.Errorf("unknown operation %q", op)
}

// benchAccount is a client whose subscriptions are the corpus's sites.
func benchAccount(dir string) account.Account {
	a := account.Account{Client: account.Client{Login: "bench", Name: "Bench", Lang: "en", Rights: account.AllRights}}
	for _, d := range corpus.Sites {
		a.Subscriptions = append(a.Subscriptions, account.Subscription{
			Domain: d, Client: "bench", Root: filepath.Join(dir, d), Logs: []string{"logs"},
		})
		a.Domains = append(a.Domains, account.Domain{Name: d, Subscription: d, DocRoot: "httpdocs"})
	}
	return a
}

// hostKey is a fixed signing key: the benchmark needs one, not a secret one.
func hostKey() ed25519.PrivateKey {
	return ed25519.NewKeyFromSeed(bytes.Repeat([]byte{7}, ed25519.SeedSize))
}

// ftpBackup backs the corpus up to the FTP storage a.ftp.
func ftpBackup(ctx context.Context, a childArgs) (any, error) {
	st, err := openFTP(ctx, a.ftp, a.store)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	acct := benchAccount(a.corpus)
	res, err := backup.Run(ctx, backup.Options{Account: acct, Storage: st, HostKey: hostKey(),
		Spec: spec.Backup{Client: acct.Client.Login, Scope: spec.ScopeAccount, Files: true,
			Storage: spec.StorageFTP}})
	return ftpResult{Result: res, StagedPeak: st.StagedPeak()}, err
}
