package app

import (
	"testing"

	"coffre/engine/account"
)

// The verification's password dialog is a labelled dialog with a masked, labelled field, Verify
// and Cancel; a wrong password is said next to the field, which points to it; in both languages.
func TestVerifyPasswordDialog(t *testing.T) {
	ref := backupRef{Login: "acme", Storage: "server", Name: "acme_p"}
	wrong := &failure{Problem: account.Problem{Code: "wrong_backup_password"}}
	for lang, want := range map[string][]string{
		langEN: {"Verify acme_p", "This backup is password-protected", "Backup password", "Verify", "Cancel", "Wrong password for this backup."},
		langFR: {"Vérifier acme_p", "Cette sauvegarde est protégée", "Mot de passe de la sauvegarde", "Annuler", "Mot de passe incorrect pour cette sauvegarde."},
	} {
		html := render(t, &passwordBox{Use: verifyUse, Login: "acme", Lang: lang, watched: "acme", state: passwordAsk{Ask: &ref, Err: wrong}})
		mustContain(t, lang, html, want...)
		mustHaveElement(t, lang, html, "div", "id", "verify-dialog", "role", "dialog", "aria-labelledby", "verify-title")
		mustHaveElement(t, lang, html, "h2", "id", "verify-title")
		mustHaveElement(t, lang, html, "label", "for", "verify-password")
		mustHaveElement(t, lang, html, "input", "id", "verify-password", "type", "password",
			"aria-describedby", "verify-help verify-password-error")
		mustHaveElement(t, lang, html, "ul", "id", "verify-password-error")
		mustHaveElement(t, lang, html, "button", "id", "verify-submit", "type", "submit")
		mustHaveElement(t, lang, html, "button", "id", "verify-cancel", "type", "button")
	}
	closed := render(t, &passwordBox{Use: verifyUse, Login: "acme", Lang: langEN, watched: "acme"})
	mustHaveElement(t, "closed", closed, "div", "id", "verify-box")
}
