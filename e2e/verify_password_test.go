package e2e

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Verify of a protected backup on the Backup Manager asks its password in the page: a labelled,
// masked field gets the keyboard, Escape closes the dialog, a wrong password is said next to the
// field and queues no task, the right one starts the verification, which ends with the backup
// sound. The panel then remembers the password: Verify again starts at once. In French the
// dialog and its error speak French.
func TestVerifyOfAProtectedBackupAsksInThePage(t *testing.T) {
	s := startOwnServer(t)
	ctx := newTab(t, "en-US", 150*time.Second)
	loadAxe(t, ctx)
	logIn(t, ctx, s)
	const pw = "verify pass phrase, où"
	backUpThroughAPI(t, ctx, `{scope: 'websites', files: true, storage: 'server', password: '`+pw+`'}`, 1)
	name := eval[string](t, ctx, `fetch('/api/clients/acme/backups').then(r => r.json()).then(l => l[0].name)`)
	tasks := `fetch('/api/clients/acme/tasks').then(r => r.json()).then(l => l.length)`
	before := eval[int](t, ctx, tasks)

	do(t, ctx, "the Backup Manager", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`#verify-`+name))
	clickUntil(t, ctx, "Verify asks the password", `#verify-`+name, `document.querySelector('#verify-password')`)
	waitTrue(t, ctx, "the keyboard in the password field", `document.activeElement && document.activeElement.id === 'verify-password'`)
	must(t, eval[bool](t, ctx, `(() => { const d = document.querySelector('#verify-dialog'), in_ = document.querySelector('#verify-password');
		return d.getAttribute('role') === 'dialog' && document.getElementById(d.getAttribute('aria-labelledby')).textContent.includes('Verify `+name+`')
			&& in_.type === 'password' && in_.labels[0].textContent === 'Backup password'
			&& !!document.querySelector('#verify-submit') && !!document.querySelector('#verify-cancel') })()`),
		"the dialog is not a labelled dialog with a masked, labelled field, Verify and Cancel: %q", text(t, ctx, `#verify-dialog`))
	shot(t, ctx, "verify-password-1-asked")
	axeCheck(t, ctx, "the verification's password dialog")
	do(t, ctx, "Escape", chromedp.KeyEvent(kb.Escape))
	waitTrue(t, ctx, "Escape closes the dialog", `!document.querySelector('#verify-dialog')`)

	clickUntil(t, ctx, "Verify asks again", `#verify-`+name, `document.querySelector('#verify-password')`)
	waitTrue(t, ctx, "the keyboard in the password field", `document.activeElement && document.activeElement.id === 'verify-password'`)
	do(t, ctx, "type a wrong password", chromedp.SendKeys(chromedp.CSS(`#verify-password`), "not the password"))
	clickUntil(t, ctx, "a wrong password", `#verify-submit`,
		`document.querySelector('#verify-password-error').textContent.includes('Wrong password for this backup')`)
	must(t, eval[bool](t, ctx, `document.querySelector('#verify-password').getAttribute('aria-invalid') === 'true'
		&& document.querySelector('#verify-password').getAttribute('aria-describedby').includes('verify-password-error')`),
		"the field does not point to its error")
	must(t, eval[int](t, ctx, tasks) == before, "a wrong password queued a task")
	must(t, strings.HasSuffix(eval[string](t, ctx, `location.pathname`), "/customer/acme/backups"), "a wrong password left the Backup Manager")
	shot(t, ctx, "verify-password-2-wrong")
	axeCheck(t, ctx, "the verification's password dialog with a wrong password")

	setField(t, ctx, `#verify-password`, pw)
	clickUntil(t, ctx, "the right password", `#verify-submit`, `document.querySelector('#task-result')`)
	waitLong(t, ctx, "the verification done", `document.querySelector('#task-result .badge').dataset.status === 'done'`)
	must(t, eval[int](t, ctx, tasks) == before+1, "the verification is not one task")
	shot(t, ctx, "verify-password-3-done")

	// Back inside the panel, the password is remembered: Verify starts at once.
	eval[bool](t, ctx, `(() => { document.querySelector('a[href="/customer/acme/backups"]').click(); return true })()`)
	do(t, ctx, "the Backup Manager again", ready(`#verify-`+name))
	clickUntil(t, ctx, "Verify with the remembered password", `#verify-`+name, `document.querySelector('#task-result')`)
	waitLong(t, ctx, "the second verification done", `document.querySelector('#task-result .badge').dataset.status === 'done'`)

	// In French, after a reload (the password forgotten).
	must(t, fetchAPI(t, ctx, "PUT", "/api/me/lang", `{lang: 'fr'}`).Status == 200, "switch to French")
	do(t, ctx, "the Backup Manager in French", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`#verify-`+name))
	clickUntil(t, ctx, "Vérifier asks the password", `#verify-`+name, `document.querySelector('#verify-password')`)
	setField(t, ctx, `#verify-password`, "pas le bon")
	clickUntil(t, ctx, "a wrong password in French", `#verify-submit`,
		`document.querySelector('#verify-password-error').textContent.includes('Mot de passe incorrect pour cette sauvegarde')`)
	got := text(t, ctx, `#verify-dialog`)
	for _, w := range []string{"Vérifier " + name, "Cette sauvegarde est protégée", "Vérifier", "Annuler"} {
		must(t, strings.Contains(got, w), "the dialog is not in French (no %q): %q", w, got)
	}
	shot(t, ctx, "verify-password-4-wrong-fr")
	clickUntil(t, ctx, "Annuler closes the dialog", `#verify-cancel`, `!document.querySelector('#verify-dialog')`)
	must(t, eval[int](t, ctx, tasks) == before+2, "the French wrong password queued a task")
}
