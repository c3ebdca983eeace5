package app

import (
	"strings"
	"testing"

	"coffre/engine/account"
)

func ftpPageWith(lang string, me remote[account.Me], a account.Account) *ftpPage {
	p := &ftpPage{}
	p.lang, p.me = lang, me
	p.login, p.acct = a.Client.Login, remote[account.Account]{Status: loaded, Data: a}
	p.saved = remote[ftpSettings]{Status: loaded, Data: ftpSettings{Port: 21, TLS: "explicit"}}
	p.fill()
	return p
}

// A client without the FTP right sees the page disabled with the reason, in its language; one
// with the right gets the form, every text checked as typed by the server's own rules.
func TestFTPPage(t *testing.T) {
	html := render(t, ftpPageWith(langFR, clientSession, restrictedAccount))
	mustContain(t, "disabled page", section(t, html, `id="ftp-disabled"`, `</div>`),
		"Indisponible", "Votre fournisseur ne permet pas d&#39;utiliser le stockage FTP personnel.")
	if strings.Contains(html, `id="ftp-form"`) {
		t.Error("the form shows without the FTP right")
	}
	p := ftpPageWith(langEN, adminSession, fullAccount)
	p.form.User = "acme\r\nDELE x"
	html = render(t, p)
	mustContain(t, "form", section(t, html, `id="ftp-form"`, `</form>`), "The personal FTP storage is not set up yet.",
		"Explicit FTPS", "Implicit FTPS", "Test connection", "a line break or a NUL character is not allowed")
	p.test = remote[ftpTest]{Status: loaded, Data: ftpTest{Fingerprint: "ab12", Steps: []ftpStep{
		{Step: "connect", OK: true, Reply: "220 ready"}, {Step: "tls", Error: "certificate signed by unknown authority"}}}}
	html = render(t, p)
	mustContain(t, "test", section(t, html, `id="ftp-test-result"`, `</section>`), "Connect", "220 ready",
		"Secure the connection (TLS)", "certificate signed by unknown authority", "ab12", "Accept this certificate")
	p.lang = langFR
	html = render(t, p)
	mustContain(t, "test in French", section(t, html, `id="ftp-test-result"`, `</section>`), "Connexion", "220 ready",
		"Sécurisation de la connexion (TLS)", "Accepter ce certificat", "Le test de connexion a échoué")
}

// The Backup Manager says who signed each backup, with another host's key, and says when the
// FTP storage could not be listed instead of showing only the server storage's backups.
func TestBackupManagerSignaturesAndFTPFailure(t *testing.T) {
	p := &backupsPage{}
	p.lang, p.me, p.login = langEN, adminSession, "acme"
	p.acct = remote[account.Account]{Status: loaded, Data: fullAccount}
	p.backups = remote[[]backupEntry]{Status: loaded, Data: []backupEntry{
		{Name: "acme_b_full", Client: "acme", Type: "full", Storage: "ftp", Status: "ok",
			Signature: signature{Signer: "other", Fingerprint: "SHA256:oldhostkey"}},
		{Name: "acme_a_full", Client: "acme", Type: "full", Storage: "server", Status: "ok", Signature: signature{Signer: "mismatch"}},
	}}
	p.ftpList = remote[struct{}]{Status: failed, Err: &failure{Problem: account.Problem{Code: "storage_unreachable",
		Error: "list the ftp storage: 530 Login incorrect."}}}
	html := render(t, p)
	mustContain(t, "FTP failure", section(t, html, `id="ftp-list-failed"`, `</div>`),
		"could not be listed", "530 Login incorrect.")
	list := section(t, html, `id="backup-list"`, `</table>`)
	mustContain(t, "list", list, "Personal FTP storage", "Signed by another host", "Key SHA256:oldhostkey",
		"Signature does not match the manifest", `href="/customer/acme/restore?backup=acme_b_full&storage=ftp"`)
	mustContain(t, "tools", html, `href="/customer/acme/ftp"`)
}
