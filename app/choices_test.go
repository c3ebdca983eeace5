package app

import (
	"testing"

	"coffre/engine/account"
)

// What the Account page offers, by the client's rights: Plesk's "depending on the client's
// rights, an option may be unavailable".
func TestBackupChoices(t *testing.T) {
	site := []account.Subscription{{Domain: "acme.example"}}
	ftp := &account.FTPSettings{Host: "ftp.example", Port: 21, User: "acme", TLS: "explicit", HasPassword: true}
	tests := []struct {
		name          string
		rights        account.Rights
		ftp           *account.FTPSettings
		subs          []account.Subscription
		account, webs string // reasons, "" when available
	}{
		{"every right", account.AllRights, nil, site, "", ""},
		{"websites only", account.Rights{ServerStorage: true, Restore: true}, nil, site, "err.right_account_backup", ""},
		{"FTP storage only, set up", account.Rights{FTPStorage: true, AccountBackup: true}, ftp, site, "", ""},
		{"FTP storage only, not set up", account.Rights{FTPStorage: true, AccountBackup: true}, nil, site, "reason.ftpNotSetUp", "reason.ftpNotSetUp"},
		{"no storage", account.Rights{AccountBackup: true, Restore: true}, ftp, site, "reason.noStorage", "reason.noStorage"},
		{"no right at all", account.Rights{}, nil, site, "err.right_account_backup", "reason.noStorage"},
		{"no websites", account.AllRights, nil, nil, "", "reason.noWebsites"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := account.Account{Client: account.Client{Login: "acme", Rights: tt.rights, FTP: tt.ftp}, Subscriptions: tt.subs}
			got := backupChoices(a)
			if len(got) != 2 || got[0].Scope != "account" || got[1].Scope != "websites" {
				t.Fatalf("choices = %+v, want account then websites", got)
			}
			if got[0].Reason != tt.account || got[1].Reason != tt.webs {
				t.Errorf("reasons = %q, %q; want %q, %q", got[0].Reason, got[1].Reason, tt.account, tt.webs)
			}
		})
	}
}
