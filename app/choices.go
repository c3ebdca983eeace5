package app

import (
	"coffre/engine/account"
	"coffre/engine/spec"
)

// backupChoice is one of the seed's two ways to back up (step 4), as the Account page and the
// Backup Manager offer it. Reason is the message key saying why it is unavailable; "" when the
// client's rights allow it. The server checks the same rights again.
type backupChoice struct {
	Scope  spec.Scope
	Label  string // message key
	Help   string // message key
	Reason string // message key, "" when available
}

// backupChoices lists both choices for a client's account, each with why it is unavailable.
func backupChoices(a account.Account) []backupChoice {
	r := a.Client.Rights
	storage := r.ServerStorage || r.FTPStorage
	acct := backupChoice{Scope: spec.ScopeAccount, Label: "backup.account", Help: "backup.account.help"}
	switch {
	case !r.AccountBackup:
		acct.Reason = "reason.accountBackup"
	case !storage:
		acct.Reason = "reason.noStorage"
	}
	sites := backupChoice{Scope: spec.ScopeWebsites, Label: "backup.websites", Help: "backup.websites.help"}
	switch {
	case !storage:
		sites.Reason = "reason.noStorage"
	case len(a.Subscriptions) == 0:
		sites.Reason = "reason.noWebsites"
	}
	return []backupChoice{acct, sites}
}

// choiceFor returns the choice for scope; ok is false for a scope that does not exist.
func choiceFor(a account.Account, scope spec.Scope) (backupChoice, bool) {
	for _, c := range backupChoices(a) {
		if c.Scope == scope {
			return c, true
		}
	}
	return backupChoice{}, false
}

// backupFormPath is the page where a backup of scope starts (issue 5 puts the form there).
func backupFormPath(login string, scope spec.Scope) string {
	return customerPath(login, "/backup") + "?scope=" + string(scope)
}
