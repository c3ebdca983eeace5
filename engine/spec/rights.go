package spec

import "coffre/engine/account"

// Allowed checks a backup request against the client's rights and whether it has personal FTP
// settings, reporting every refusal at once: nil, or Errors. The server calls it for every
// client request (after Validate); the panel calls it to grey the options a client cannot
// choose, with the reason. Fields and codes: scope: right_account_backup; storage:
// right_server_storage, right_ftp_storage, ftp_not_configured.
func (b Backup) Allowed(r account.Rights, hasFTP bool) error {
	var es Errors
	if b.Scope == ScopeAccount && !r.AccountBackup {
		es.add("scope", CodeRightAccount)
	}
	storageAllowed(&es, b.Storage, r, hasFTP)
	return es.err()
}

// Allowed checks a restore request against the client's rights and whether it has personal FTP
// settings, as Backup.Allowed does. Fields and codes: client: right_restore; storage:
// right_server_storage, right_ftp_storage, ftp_not_configured.
func (r Restore) Allowed(rights account.Rights, hasFTP bool) error {
	var es Errors
	if !rights.Restore {
		es.add("client", CodeRightRestore)
	}
	storageAllowed(&es, r.Storage, rights, hasFTP)
	return es.err()
}

func storageAllowed(es *Errors, storage string, r account.Rights, hasFTP bool) {
	switch storage {
	case StorageServer:
		if !r.ServerStorage {
			es.add("storage", CodeRightServer)
		}
	case StorageFTP:
		if !r.FTPStorage {
			es.add("storage", CodeRightFTP)
		}
		if !hasFTP {
			es.add("storage", CodeFTPNotConfigured)
		}
	}
}
