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
}
