package main

import (
	"context"
	"crypto/ed25519"

	"coffre/engine/account"
	"coffre/engine/restore"
	"coffre/engine/spec"
	"coffre/engine/storage"
)

// restoreBackup restores the backup name of acct from st into the folder to, in the archive's
// layout, checking that the bench's host key signed it.
func restoreBackup(ctx context.Context, acct account.Account, st storage.Storage, name, to string) (any, error) {
	return restore.Run(ctx, restore.Options{
		Account: acct, Storage: st, HostKey: hostKey().Public().(ed25519.PublicKey),
		Spec: spec.Restore{Client: acct.Client.Login, Backup: name, Storage: spec.StorageServer, To: to},
	})
}
