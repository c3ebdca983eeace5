package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A user protects a backup with a password on the Back Up form: the Backup Manager shows its
// lock; the restore page asks the password, says at once that a wrong one is wrong, and with
// the right one previews and restores.
func TestProtectedBackupInThePanel(t *testing.T) {
	s := startOwnServer(t)
	ctx := newTab(t, "en-US", 150*time.Second)
	logIn(t, ctx, s)
	const pw = "panel pass phrase"
	do(t, ctx, "Back Up Websites", chromedp.Navigate(s.url+"/customer/acme/backups"),
		ready(`main [data-choice="websites"] a.choice-action`),
		chromedp.Click(chromedp.CSS(`main [data-choice="websites"] a.choice-action`)), ready(`#backup-form #chain-note`))
	waitTrue(t, ctx, "Protect with a password ticked", `(e => e !== null && (e.checked || (e.click(), false)))(document.getElementById('protect'))`)
	waitTrue(t, ctx, "the password field enabled", `!document.getElementById('backup-password').disabled`)
	do(t, ctx, "type the password", chromedp.SendKeys(chromedp.CSS(`#backup-password`), pw))
	shot(t, ctx, "protect-1-form")
	do(t, ctx, "Back Up", chromedp.Click(chromedp.CSS(`#backup-submit`)), ready(`#task-result`))
	waitLong(t, ctx, "the backup done", `document.querySelector('#task-result .badge').dataset.status === 'done'`)

	do(t, ctx, "the Backup Manager", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`#backup-list`))
	row := text(t, ctx, `#backup-list tbody tr:first-child`)
	must(t, strings.Contains(row, "Password-protected"), "the row reads %q: no lock", row)
	shot(t, ctx, "protect-2-manager")
	name := eval[string](t, ctx, `fetch('/api/clients/acme/backups').then(r => r.json()).then(l => l[0].name)`)

	do(t, ctx, "the restore page", chromedp.Navigate(s.url+"/customer/acme/restore?backup="+name+"&storage=server"),
		ready(`#restore-password`))
	waitTrue(t, ctx, "Replace the databases ticked", `(e => e !== null && (e.checked || (e.click(), false)))(document.getElementById('restore-overwrite'))`)
	do(t, ctx, "a wrong password", chromedp.SendKeys(chromedp.CSS(`#restore-password`), "not it"),
		chromedp.Click(chromedp.CSS(`#restore-preview`)))
	waitTrue(t, ctx, "the wrong password said", `document.querySelector('#restore-preview-result').textContent.includes('Wrong password for this backup')`)
	shot(t, ctx, "protect-3-wrong-password")
	do(t, ctx, "the right password", chromedp.Evaluate[chromedp.Void](`(e => { e.value = ''; e.dispatchEvent(new Event('input', {bubbles: true})) })(document.getElementById('restore-password'))`),
		chromedp.SendKeys(chromedp.CSS(`#restore-password`), pw), chromedp.Click(chromedp.CSS(`#restore-preview`)),
		ready(`#restore-confirm`))
	do(t, ctx, "Restore", chromedp.Click(chromedp.CSS(`#restore-submit`)), ready(`#task-result`))
	waitLong(t, ctx, "the restore done", `document.querySelector('#task-result .badge').dataset.status === 'done'`)
	must(t, strings.Contains(text(t, ctx, "#task-result"), "The restore is complete"), "the result reads %q", text(t, ctx, "#task-result"))
	shot(t, ctx, "protect-4-restored")
}

// The administrator sets the minimum free space on the Settings page; the server keeps it.
func TestMinimumFreeSpaceSetting(t *testing.T) {
	s := startOwnServer(t)
	ctx := newTab(t, "en-US", 60*time.Second)
	logIn(t, ctx, s)
	do(t, ctx, "Settings", chromedp.Navigate(s.url+"/settings"), ready(`#space-form #space-min-free`))
	waitTrue(t, ctx, "the saved value shown", `document.getElementById('space-min-free').value === '0'`)
	do(t, ctx, "type 5 GB, Save", chromedp.Evaluate[chromedp.Void](`(e => { e.value = ''; e.dispatchEvent(new Event('input', {bubbles: true})) })(document.getElementById('space-min-free'))`),
		chromedp.SendKeys(chromedp.CSS(`#space-min-free`), "5"), chromedp.Click(chromedp.CSS(`#space-save`)), ready(`#space-saved`))
	got := eval[float64](t, ctx, `fetch('/api/settings/space').then(r => r.json()).then(s => s.minFree)`)
	must(t, got == 5<<30, "the server keeps %v bytes, want 5 GiB", got)
	shot(t, ctx, "settings-free-space")
}
