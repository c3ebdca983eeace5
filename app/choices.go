package app

import (
	"errors"

	"coffre/engine/account"
	"coffre/engine/spec"
)

// backupChoice is one of the two ways to back up of step 4 (docs/panel-flow.md), as the Account page and the
// Backup Manager offer it. Reason is the message key saying why it is unavailable; "" when the
// client's rights allow it. The server checks the same rights again (spec.Backup.Allowed).
type backupChoice struct {
	Scope  spec.Scope
	Label  string // message key
	Help   string // message key
	Reason string // message key, "" when available
}

// backupChoices lists both choices for a client's account, each with why it is unavailable.
func backupChoices(a account.Account) []backupChoice {
	return []backupChoice{
		{Scope: spec.ScopeAccount, Label: "backup.account", Help: "backup.account.help", Reason: refusal(a, spec.ScopeAccount)},
		{Scope: spec.ScopeWebsites, Label: "backup.websites", Help: "backup.websites.help", Reason: refusal(a, spec.ScopeWebsites)},
	}
}

// refusal says why no backup of scope can start for the account: the scope's own right first,
// then why neither storage can take it, then that there is nothing to back up. It asks the same
// spec.Backup.Allowed that the server runs, once per storage.
func refusal(a account.Account, scope spec.Scope) string {
	rights, hasFTP := a.Client.Rights, a.Client.FTP != nil
	var ftp spec.Errors
	for _, storage := range []string{spec.StorageServer, spec.StorageFTP} {
		err := spec.Backup{Client: a.Client.Login, Scope: scope, Storage: storage}.Allowed(rights, hasFTP)
		if err == nil {
			if scope == spec.ScopeWebsites && len(a.Subscriptions) == 0 {
				return "reason.noWebsites"
			}
			return ""
		}
		var es spec.Errors
		if !errors.As(err, &es) {
			return "reason.noStorage"
		}
		if es.Has("scope", spec.CodeRightAccount) {
			return "err." + spec.CodeRightAccount
		}
		ftp = es
	}
	if ftp.Has("storage", spec.CodeRightFTP) {
		return "reason.noStorage"
	}
	return "reason.ftpNotSetUp"
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

// backupFormPath is the page where a backup of scope starts.
func backupFormPath(login string, scope spec.Scope) string {
	return customerPath(login, "/backup") + "?scope=" + string(scope)
}
