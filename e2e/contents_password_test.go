package e2e

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"coffre/internal/archivetest"
)

// A client opens the Contents of a password-protected backup: the page asks its password, says
// at once that a wrong one is wrong, and with the right one shows the tree, searches it and
// lists a file's versions. Its Download then saves the archive decrypted (the bytes `age -d`
// gives, holding the file's bytes). Back on the Backup Manager, Download uses the password
// given on the Contents page, and so do the restore page and Verify; after a reload (the panel
// forgot it) Download asks it again.
func TestContentsAndDownloadOfAProtectedBackup(t *testing.T) {
	s := startOwnServer(t)
	ctx := newTab(t, "en-US", 150*time.Second)
	loadAxe(t, ctx)
	logIn(t, ctx, s)
	const pw = "contents pass phrase, été"
	const notes = "What the protected backup keeps: line one.\n"
	root := eval[string](t, ctx, `fetch('/api/clients/acme').then(r => r.json()).then(a => a.subscriptions[0].root)`)
	domain := eval[string](t, ctx, `fetch('/api/clients/acme').then(r => r.json()).then(a => a.subscriptions[0].domain)`)
	must(t, os.WriteFile(filepath.Join(root, "httpdocs", "secret-notes.txt"), []byte(notes), 0o644) == nil, "write the notes")
	backUpThroughAPI(t, ctx, `{scope: 'websites', files: true, storage: 'server', password: '`+pw+`'}`, 1)
	name := eval[string](t, ctx, `fetch('/api/clients/acme/backups').then(r => r.json()).then(l => l[0].name)`)
	plain := decryptedArchive(t, filepath.Join(s.dataDir(), "storage", "acme"), name, pw)
	must(t, archivetest.TarFile(t, plain, "httpdocs/secret-notes.txt") == notes, "the stored archive does not hold the notes")

	do(t, ctx, "Backup Manager > Contents", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`#backup-list a.contents-link`),
		chromedp.Click(chromedp.CSS(`#backup-list a.contents-link`)), ready(`#contents-password`))
	must(t, eval[bool](t, ctx, `!document.querySelector('#contents-breadcrumb') && !location.href.includes('pass')`),
		"the tree shows before the password, or the address holds it")
	shot(t, ctx, "contents-password-1-asked")
	setField(t, ctx, `#contents-password`, "not the password")
	clickUntil(t, ctx, "a wrong password", `#contents-unlock`,
		`document.querySelector('#contents-password-error').textContent.includes('Wrong password for this backup')`)
	shot(t, ctx, "contents-password-2-wrong")
	axeCheck(t, ctx, "the Contents page's password form")
	setField(t, ctx, `#contents-password`, pw)
	clickUntil(t, ctx, "the right password", `#contents-unlock`, `document.querySelector('#contents-breadcrumb')`)
	for _, folder := range []string{domain, "httpdocs"} {
		clickFolder(t, ctx, folder)
	}
	waitTrue(t, ctx, "the notes listed", `[...document.querySelectorAll('.file-name')].some(e => e.textContent === 'secret-notes.txt')`)
	shot(t, ctx, "contents-password-3-tree")
	do(t, ctx, "search", chromedp.SendKeys(chromedp.CSS(`#contents-q`), "secret"), chromedp.Click(chromedp.CSS(`#contents-search-submit`)),
		ready(`#contents-found`))
	waitTrue(t, ctx, "the notes found", `document.querySelector('#contents-found').parentElement.textContent.includes('httpdocs/secret-notes.txt')`)
	do(t, ctx, "Versions", chromedp.Click(chromedp.CSS(`section[aria-labelledby="contents-found"] a.versions-link`)), ready(`#contents-versions`))
	waitTrue(t, ctx, "one version", `document.querySelectorAll('#contents-versions tbody tr').length === 1`)
	must(t, eval[bool](t, ctx, `!location.href.includes('pass') && !JSON.stringify(localStorage).includes('pass phrase')`),
		"the password is in the address or in the local storage")

	dir := allowDownloads(t, ctx)
	do(t, ctx, "Download on the Contents page", chromedp.Click(chromedp.CSS(`#contents-download`)), ready(`#download-started`))
	got := waitDownload(t, dir, int64(len(plain)))
	must(t, bytes.Equal(got, plain), "the download (%d bytes) is not the decrypted archive (%d bytes)", len(got), len(plain))
	must(t, archivetest.TarFile(t, got, "httpdocs/secret-notes.txt") == notes, "the downloaded archive does not hold the notes' bytes")
	shot(t, ctx, "contents-password-4-downloaded")

	// Back to the Backup Manager inside the panel: the password given above is still known.
	dir = allowDownloads(t, ctx)
	do(t, ctx, "Back", chromedp.Click(chromedp.CSS(`#contents-back`)), ready(`#download-`+name))
	clickUntil(t, ctx, "Download with the known password", `#download-`+name, `document.querySelector('#download-started')`)
	must(t, bytes.Equal(waitDownload(t, dir, int64(len(plain))), plain), "the Backup Manager's download is not the decrypted archive")
	do(t, ctx, "Restore", chromedp.Click(chromedp.CSS(`#backup-list a.restore-link`)), ready(`#restore-password`))
	waitTrue(t, ctx, "the restore page has the password", `document.querySelector('#restore-password').value === '`+pw+`'`)
	eval[bool](t, ctx, `(() => { document.querySelector('a[href="/customer/acme/backups"]').click(); return true })()`)
	do(t, ctx, "the Backup Manager again", ready(`#verify-`+name))
	clickUntil(t, ctx, "Verify with the known password", `#verify-`+name, `document.querySelector('#task-result')`)
	waitLong(t, ctx, "the verification done", `document.querySelector('#task-result .badge').dataset.status === 'done'`)

	// A reload forgets it: Download asks the password, says a wrong one, downloads with the right one.
	dir = allowDownloads(t, ctx)
	do(t, ctx, "reload the Backup Manager", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`#download-`+name))
	clickUntil(t, ctx, "Download asks the password", `#download-`+name, `document.querySelector('#download-password')`)
	waitTrue(t, ctx, "the keyboard in the password field", `document.activeElement && document.activeElement.id === 'download-password'`)
	setField(t, ctx, `#download-password`, "still not it")
	clickUntil(t, ctx, "a wrong password", `#download-submit`,
		`document.querySelector('#download-password-error').textContent.includes('Wrong password for this backup')`)
	shot(t, ctx, "contents-password-5-download-wrong")
	axeCheck(t, ctx, "the download's password dialog")
	setField(t, ctx, `#download-password`, pw)
	clickUntil(t, ctx, "Download with the right password", `#download-submit`, `document.querySelector('#download-started')`)
	must(t, bytes.Equal(waitDownload(t, dir, int64(len(plain))), plain), "the download after the dialog is not the decrypted archive")

	// In French, the Contents page says a wrong password in French.
	must(t, fetchAPI(t, ctx, "PUT", "/api/me/lang", `{lang: 'fr'}`).Status == 200, "switch to French")
	do(t, ctx, "the Contents page in French", chromedp.Navigate(s.url+"/customer/acme/contents?backup="+name+"&storage=server"),
		ready(`#contents-password`))
	setField(t, ctx, `#contents-password`, "pas le bon")
	clickUntil(t, ctx, "a wrong password in French", `#contents-unlock`,
		`document.querySelector('#contents-password-error').textContent.includes('Mot de passe incorrect pour cette sauvegarde')`)
	must(t, strings.Contains(text(t, ctx, `#contents-unlock-form`), "Afficher le contenu"), "the form is not in French: %q", text(t, ctx, `#contents-unlock-form`))
	shot(t, ctx, "contents-password-6-wrong-fr")
}

// allowDownloads has the browser save downloads into a new folder, which it returns.
func allowDownloads(t *testing.T, ctx context.Context) string {
	t.Helper()
	dir := t.TempDir()
	if _, err := chromedp.Call(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllowAndName, DownloadPath: dir,
		BrowserContextID: chromedp.FromContext(ctx).BrowserContextID}); err != nil {
		t.Fatalf("allow downloads: %v", err)
	}
	return dir
}

// decryptedArchive is what `cat NAME.tar.zst.age* | age -d` gives from a client's storage.
func decryptedArchive(t *testing.T, storage, name, pw string) []byte {
	t.Helper()
	pieces, _ := filepath.Glob(filepath.Join(storage, name+".tar.zst.age*"))
	sort.Strings(pieces)
	var sealed []byte
	for _, p := range pieces {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		sealed = append(sealed, b...)
	}
	return archivetest.AgeDecrypt(t, pw, sealed)
}
