package e2e

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"coffre/engine/storage/ftp"
	"coffre/engine/storage/ftp/ftptest"
)

// A new user sets up acme's personal FTP storage (an FTP server with a self-signed certificate,
// run by the test), tests it, accepts the certificate shown, backs up to it in volumes of 1 MB
// and sees the backup listed with its storage; the volumes are on the FTP server.
func TestBackUpToPersonalFTPStorage(t *testing.T) {
	s := startOwnServer(t)
	srv := ftptest.NewServer(t, ftptest.Options{User: "acme-ftp", Pass: "ftp-pass-4417", TLS: ftp.TLSExplicit})
	// The test's FTP server is on loopback, which the FTP storages may not reach unless allowed.
	coffreCLI(t, s.dataDir(), "", "ftp", "networks", "--allow", "127.0.0.0/8")
	box := startMailbox(t)
	ctx := newTab(t, "en-US", 120*time.Second)
	logIn(t, ctx, s)
	setUpMail(t, ctx, box)
	root := eval[string](t, ctx, `fetch('/api/clients/acme').then(r => r.json()).then(a => a.subscriptions[0].root)`)
	writeIncompressible(t, filepath.Join(root, "httpdocs", "videos"), 3, 1<<20)

	do(t, ctx, "Backup Manager > Personal FTP Storage Settings", chromedp.Navigate(s.url+"/customer/acme/backups"),
		ready(`#ftp-settings-link`), chromedp.Click(chromedp.CSS(`#ftp-settings-link`)), ready(`#ftp-form #ftp-host`))
	must(t, strings.Contains(text(t, ctx, "#ftp-not-set"), "not set up"), "a fresh client's FTP page does not say it is not set up")
	retype(t, ctx, "#ftp-host", srv.Config.Host)
	retype(t, ctx, "#ftp-port", strconv.Itoa(srv.Config.Port))
	do(t, ctx, "fill the settings", chromedp.SendKeys(chromedp.CSS(`#ftp-user`), "acme-ftp"),
		chromedp.SendKeys(chromedp.CSS(`#ftp-password`), "ftp-pass-4417"),
		chromedp.SendKeys(chromedp.CSS(`#ftp-dir`), "backups/acme"),
		chromedp.Click(chromedp.CSS(`#ftp-tls-explicit`)),
		chromedp.Click(chromedp.CSS(`#ftp-save`)), chromedp.WaitVisible(chromedp.CSS(`#ftp-saved`)))
	retype(t, ctx, "#ftp-port", strconv.Itoa(srv.Config.Port)) // choosing explicit FTPS proposed port 21

	do(t, ctx, "Test connection", chromedp.Click(chromedp.CSS(`#ftp-test`)), chromedp.WaitVisible(chromedp.CSS(`#ftp-test-result`)))
	must(t, text(t, ctx, "#ftp-cert-fingerprint") == srv.Cert.Fingerprint, "the page shows the fingerprint %q, want %q",
		text(t, ctx, "#ftp-cert-fingerprint"), srv.Cert.Fingerprint)
	must(t, strings.Contains(text(t, ctx, `#ftp-test-result [data-step="tls"]`), "Secure the connection"),
		"the failed step reads %q", text(t, ctx, `#ftp-test-result [data-step="tls"]`))
	shot(t, ctx, "ftp-1-certificate")
	do(t, ctx, "Accept this certificate", chromedp.Click(chromedp.CSS(`#ftp-accept`)), chromedp.WaitVisible(chromedp.CSS(`#ftp-test-ok`)))
	steps := text(t, ctx, "#ftp-test-result .steps")
	for _, w := range []string{"Connect", "Log in", "List the folder", "Write a probe file", "Read its size back", "Read it", "Delete it", "230"} {
		must(t, strings.Contains(steps, w), "the test's steps read %q: no %q", steps, w)
	}
	must(t, eval[string](t, ctx, `document.getElementById('ftp-fingerprint').value`) == srv.Cert.Fingerprint, "the accepted fingerprint is not in the form")
	shot(t, ctx, "ftp-2-tested")

	do(t, ctx, "Back Up Websites", chromedp.Click(chromedp.CSS(`#ftp-back`)), ready(`#backup-list, main .empty`),
		chromedp.Click(chromedp.CSS(`main [data-choice="websites"] a.choice-action`)), ready(`#backup-form #chain-note`))
	opts := readForm(t, ctx)
	must(t, !opts["storage-ftp"].Disabled, "the personal FTP storage is still unavailable: %q", opts["storage-ftp"].Reason)
	clickUntil(t, ctx, "Personal FTP storage", `#storage-ftp`, `document.getElementById('storage-ftp').checked && !document.getElementById('split').disabled`)
	clickUntil(t, ctx, "volumes", `#split`, `!document.getElementById('split-mb').disabled`)
	retype(t, ctx, "#split-mb", "1")
	clickUntil(t, ctx, "notify", `#notify-on`, `!document.getElementById('notify').disabled`)
	retype(t, ctx, "#notify", "ops@acme.example") // in place of the client's address, proposed
	waitTrue(t, ctx, "Back Up enabled", `!document.getElementById('backup-submit').disabled`)
	do(t, ctx, "Back Up", chromedp.Click(chromedp.CSS(`#backup-submit`)), chromedp.WaitVisible(chromedp.CSS(`#task-result`)))
	must(t, strings.Contains(text(t, ctx, "#task-result"), "The backup is complete"), "the result reads %q", text(t, ctx, "#task-result"))
	name := text(t, ctx, "#result-name")
	m := box.wait(t, "the end of the backup", 30*time.Second)
	must(t, strings.Contains(m.Body, name), "the mail does not name the backup:\n%s", m.Body)
	must(t, !strings.Contains(m.Body+m.Subject, "ftp-pass-4417"), "the mail shows the FTP password")

	do(t, ctx, "the Backup Manager", chromedp.Click(chromedp.CSS(`#to-backup-manager`)), ready(`#backup-list`))
	row := text(t, ctx, `#backup-list tbody tr:first-child`)
	for _, w := range []string{name, "Personal FTP storage", "Signed by this host", "OK"} {
		must(t, strings.Contains(row, w), "the Backup Manager's row reads %q: no %q", row, w)
	}
	shot(t, ctx, "ftp-3-backup-manager")
	infos, err := afsList(srv, "/backups/acme")
	if err != nil {
		t.Fatal(err)
	}
	vols := 0
	for _, n := range infos {
		if strings.HasPrefix(n, name+".tar.zst.") {
			vols++
		}
	}
	must(t, vols >= 3, "the FTP server holds %d volumes of %s: %v", vols, name, infos)
	must(t, !strings.Contains(activeLog(), "ftp-pass-4417"), "the server's log shows the FTP password")
	restoreOnAnotherHost(t, ctx, s, srv, name)
}

// restoreOnAnotherHost: a second Coffre, given acme's FTP settings on the command line, lists
// the backup as signed by another host with the first host's key; the administrator restores it
// only once that key is confirmed.
func restoreOnAnotherHost(t *testing.T, ctx context.Context, first *coffre, srv *ftptest.Server, name string) {
	t.Helper()
	oldKey := strings.TrimSpace(strings.TrimPrefix(coffreCLI(t, first.dataDir(), "", "host-key", "show"), "this host: "))
	s := startOwnServer(t)
	coffreCLI(t, s.dataDir(), "", "ftp", "networks", "--allow", "127.0.0.0/8")
	pw := filepath.Join(t.TempDir(), "pw")
	os.WriteFile(pw, []byte("ftp-pass-4417\n"), 0o600)
	coffreCLI(t, s.dataDir(), "", "ftp", "set", "acme", "--host", srv.Config.Host, "--port", strconv.Itoa(srv.Config.Port),
		"--user", "acme-ftp", "--password-file", pw, "--dir", "backups/acme", "--tls", "explicit", "--fingerprint", srv.Cert.Fingerprint)
	logIn(t, ctx, s)
	do(t, ctx, "the other host's Backup Manager", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`#backup-list`))
	row := text(t, ctx, `#backup-list tbody tr:first-child`)
	for _, w := range []string{name, "Personal FTP storage", "Signed by another host", oldKey} {
		must(t, strings.Contains(row, w), "the other host's row reads %q: no %q", row, w)
	}
	do(t, ctx, "Restore", chromedp.Click(chromedp.CSS(`#backup-list tbody tr:first-child a.restore-link`)), ready(`#restore-trust-box`))
	// The key shows once the backup's listing has reached the page: wait for it rather than read it at once.
	waitTrue(t, ctx, "the confirmation names "+oldKey, `document.getElementById('restore-fingerprint').textContent.trim() === '`+oldKey+`'`)
	waitTrue(t, ctx, "Check what will change, disabled until the key is confirmed",
		`(b => !!b && b.disabled)(document.getElementById('restore-preview'))`)
	shot(t, ctx, "ftp-4-restore-confirm")
	// A click while the page re-renders (the listing arriving, a choice just made) is lost: click
	// each box until it holds.
	clickUntil(t, ctx, "confirm the key", `#restore-trust`, `document.getElementById('restore-trust').checked`)
	clickUntil(t, ctx, "replace the databases", `#restore-overwrite`, `document.getElementById('restore-overwrite').checked`)
	waitTrue(t, ctx, "Check what will change enabled", `!document.getElementById('restore-preview').disabled`)
	// A click while the page re-renders for the choices just made can be lost: click until the preview shows.
	clickUntil(t, ctx, "Check what will change", `#restore-preview`, `!!document.querySelector('#restore-confirm #restore-submit')`)
	do(t, ctx, "Restore", chromedp.Click(chromedp.CSS(`#restore-submit`)), chromedp.WaitVisible(chromedp.CSS(`#task-result`)))
	must(t, eval[string](t, ctx, `document.querySelector('#task-result .badge').dataset.status`) == "done",
		"the restore ended %q: %s", text(t, ctx, "#task-result"), text(t, ctx, "#task-result"))
}

// afsList lists a folder of the in-process FTP server.
func afsList(srv *ftptest.Server, dir string) ([]string, error) {
	f, err := srv.Fs.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.Readdirnames(-1)
}
