package app

import (
	"testing"

	"coffre/engine/account"
)

// What the Account page offers, by the client's rights: the seed's "depending on the client's
// rights, an option may be unavailable".
func TestBackupChoices(t *testing.T) {
	site := []account.Subscription{{Domain: "acme.example"}}
	tests := []struct {
		name          string
		rights        account.Rights
		subs          []account.Subscription
		account, webs string // reasons, "" when available
	}{
		{"every right", account.AllRights, site, "", ""},
		{"websites only", account.Rights{ServerStorage: true, Restore: true}, site, "reason.accountBackup", ""},
		{"FTP storage only", account.Rights{FTPStorage: true, AccountBackup: true}, site, "", ""},
		{"no storage", account.Rights{AccountBackup: true, Restore: true}, site, "reason.noStorage", "reason.noStorage"},
		{"no right at all", account.Rights{}, site, "reason.accountBackup", "reason.noStorage"},
		{"no websites", account.AllRights, nil, "", "reason.noWebsites"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := account.Account{Client: account.Client{Login: "acme", Rights: tt.rights}, Subscriptions: tt.subs}
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
