package spec

import (
	"reflect"
	"testing"

	"coffre/engine/account"
)

func TestBackupAllowed(t *testing.T) {
	all := account.AllRights
	tests := []struct {
		name   string
		scope  Scope
		store  string
		rights account.Rights
		hasFTP bool
		want   []string
	}{
		{"all rights, server", ScopeAccount, StorageServer, all, false, nil},
		{"all rights, ftp", ScopeAccount, StorageFTP, all, true, nil},
		{"websites only", ScopeAccount, StorageServer, account.Rights{ServerStorage: true}, false,
			[]string{"scope/right_account_backup"}},
		{"websites only, websites", ScopeWebsites, StorageServer, account.Rights{ServerStorage: true}, false, nil},
		{"no server storage", ScopeWebsites, StorageServer, account.Rights{FTPStorage: true}, true,
			[]string{"storage/right_server_storage"}},
		{"no ftp right", ScopeWebsites, StorageFTP, account.Rights{ServerStorage: true}, true,
			[]string{"storage/right_ftp_storage"}},
		{"ftp not set up", ScopeWebsites, StorageFTP, all, false, []string{"storage/ftp_not_configured"}},
		{"nothing", ScopeAccount, StorageFTP, account.Rights{}, false,
			[]string{"scope/right_account_backup", "storage/right_ftp_storage", "storage/ftp_not_configured"}},
	}
	for _, tt := range tests {
		b := Backup{Client: "acme", Scope: tt.scope, Storage: tt.store, Files: true}
		if got := codes(b.Allowed(tt.rights, tt.hasFTP)); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestRestoreAllowed(t *testing.T) {
	r := Restore{Client: "acme", Backup: "b1", Storage: StorageServer}
	if err := r.Allowed(account.AllRights, false); err != nil {
		t.Errorf("all rights: %v", err)
	}
	noRestore := account.AllRights
	noRestore.Restore = false
	if got, want := codes(r.Allowed(noRestore, true)), []string{"client/right_restore"}; !reflect.DeepEqual(got, want) {
		t.Errorf("no restore right: got %q, want %q", got, want)
	}
	r.Storage = StorageFTP
	got := codes(r.Allowed(account.Rights{Restore: true, ServerStorage: true}, false))
	if want := []string{"storage/right_ftp_storage", "storage/ftp_not_configured"}; !reflect.DeepEqual(got, want) {
		t.Errorf("ftp restore: got %q, want %q", got, want)
	}
}
