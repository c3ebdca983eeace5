package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"golang.org/x/sys/unix"
)

// The administrator walks steps 1 to 7 of docs/panel-flow.md for acme: Clients, acme, Manage in Customer
// Panel, Account, Back Up Account and Websites, the form (a wrong pattern first, then
// exclusions, a comment and a notification address), Back Up; the progress shows, the task
// completes, the backup is in the Backup Manager and the mail reaches the SMTP server run by the
// test. A second, incremental backup follows the first. The server is the test's own: its
// backups and mail settings touch no other test.
func TestBackUpAccountAndWebsites(t *testing.T) {
	s := startOwnServer(t)
	box := startMailbox(t)
	ctx := newTab(t, "en-US", 60*time.Second) // the watched backup alone takes 20 s on a busy 2-core host
	logIn(t, ctx, s)
	bulkUp(t, ctx, "acme", 40, 64<<20)
	setUpMail(t, ctx, box)

	walk(t, ctx, acme, english, false, "backup-acme", 0)
	do(t, ctx, "step 4: Back Up Account and Websites", chromedp.Click(chromedp.CSS(`main [data-choice="account"] a.choice-action`)),
		ready(`#backup-form #chain-note`))
	checkFormAsItOpens(t, ctx)
	checkWrongPatternsBlock(t, ctx, "backup-0-form-wrong-patterns", []string{
		`Pattern 1: ../x — “..” cannot be a component of the path.`,
		`Pattern 2: a\tb — Escape sequences such as \t are not allowed.`,
	}, "Correct the marked fields to back up.")
	fillForm(t, ctx)
	shot(t, ctx, "backup-1-form")

	name := backUpAndFollow(t, ctx, "backup-2-running")
	m := box.wait(t, "the end of the backup", 30*time.Second)
	must(t, len(m.To) == 1 && m.To[0] == "ops@acme.example", "the mail went to %v, want ops@acme.example (blanks trimmed)", m.To)
	must(t, strings.Contains(m.Subject, "acme"), "the mail's subject %q does not name the client", m.Subject)
	must(t, strings.Contains(m.Body, name), "the mail does not name the backup %s:\n%s", name, m.Body)
	t.Logf("mail: %q to %v", m.Subject, m.To)

	do(t, ctx, "What next: the Backup Manager", chromedp.Click(chromedp.CSS(`#to-backup-manager`)), ready(`#backup-list`))
	row := text(t, ctx, `#backup-list tbody tr:first-child`)
	// What the backup holds, as its manifest records it: the demo's two mailboxes and its SQLite database.
	for _, w := range []string{"Full", "Account and websites: configuration, mail: 2 mailbox(es), 10 messages, files: ", "databases: 1",
		"Server storage", "Before the move", "OK", "Signed by this host"} {
		must(t, strings.Contains(row, w), "the Backup Manager's row reads %q: no %q", row, w)
	}

	incremental(t, ctx)
	shot(t, ctx, "backup-3-manager")
	cancelled(t, ctx)
	onPhone(t, ctx)
	checkTasksPage(t, ctx)
}

// onPhone: at 375 px the Backup Manager's tables turn into cards, and neither it, a task nor the
// form scrolls sideways.
func onPhone(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, "a phone's screen", chromedp.EmulateViewport(375, 812, chromedp.EmulateScale(2), chromedp.EmulateMobile,
		chromedp.EmulateTouch, chromedp.EmulatePortrait))
	waitTrue(t, ctx, "the backups as cards", `getComputedStyle(document.querySelector('#backup-list thead')).position === 'absolute'`)
	noSideScroll(t, ctx, "Backup Manager", 375)
	shot(t, ctx, "phone-backup-manager")
	do(t, ctx, "a task", chromedp.Click(chromedp.CSS(`.task-list a.task-link`)), ready(`#task-result`))
	noSideScroll(t, ctx, "Task", 375)
	shot(t, ctx, "phone-task")
	do(t, ctx, "Back up again", chromedp.Click(chromedp.CSS(`#to-backup-manager`)), ready(`#backup-list`),
		chromedp.Click(chromedp.CSS(`main [data-choice="websites"] a.choice-action`)), ready(`#backup-form #chain-note`))
	noSideScroll(t, ctx, "Back Up form", 375)
	shot(t, ctx, "phone-backup-form")
	do(t, ctx, "a desktop's screen", chromedp.EmulateViewport(1280, 900))
}

// bulkUp adds n files of size bytes to the client's first webspace, so that its backup runs long
// enough to be watched: their blocks are allocated (fallocate), so they are no sparse files whose
// holes the backup skips, yet they need no writing and their zeros compress to nothing.
func bulkUp(t *testing.T, ctx context.Context, login string, n int, size int64) {
	t.Helper()
	root := eval[string](t, ctx, `fetch('/api/clients/`+login+`').then(r => r.json()).then(a => a.subscriptions[0].root)`)
	dir := filepath.Join(root, "httpdocs", "media")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range n {
		f, err := os.Create(filepath.Join(dir, fmt.Sprintf("clip-%02d.bin", i)))
		if err != nil {
			t.Fatal(err)
		}
		if err := unix.Fallocate(int(f.Fd()), 0, 0, size); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
}

// setUpMail fills the Settings page with the test's SMTP server, saves, and sends a test mail.
func setUpMail(t *testing.T, ctx context.Context, box *mailbox) {
	t.Helper()
	do(t, ctx, "Settings", chromedp.Click(chromedp.CSS(`nav.sidenav a[href="/settings"]`)), ready(`#smtp-form #smtp-host`))
	must(t, strings.Contains(text(t, ctx, "#smtp-not-set"), "not set up"), "a fresh server does not say that mail is not set up")
	retype(t, ctx, "#smtp-host", "127.0.0.1")
	retype(t, ctx, "#smtp-port", strconv.Itoa(box.addr.Port))
	do(t, ctx, "mail settings", chromedp.Click(chromedp.CSS(`#smtp-tls-none`)),
		chromedp.SendKeys(chromedp.CSS(`#smtp-from`), "coffre@panel.example"),
		chromedp.Click(chromedp.CSS(`#smtp-save`)), chromedp.WaitVisible(chromedp.CSS(`#smtp-saved`)))
	do(t, ctx, "Send test mail", chromedp.SendKeys(chromedp.CSS(`#smtp-test-to`), "admin@panel.example"),
		chromedp.Click(chromedp.CSS(`#smtp-test`)), chromedp.WaitVisible(chromedp.CSS(`#smtp-test-sent`)))
	m := box.wait(t, "the test mail", 15*time.Second)
	must(t, len(m.To) == 1 && m.To[0] == "admin@panel.example", "the test mail went to %v", m.To)
	shot(t, ctx, "settings-mail")
}

// formOption is one option of the Back Up form as the browser shows it.
type formOption struct {
	Disabled bool   `json:"disabled"`
	Checked  bool   `json:"checked"`
	Reason   string `json:"reason"`
}

const readOptions = `Object.fromEntries([...document.querySelectorAll('#backup-form .option > input')].map(i => {
	const r = document.getElementById(i.id + '-reason');
	return [i.id, {disabled: i.disabled, checked: i.checked, reason: r ? r.textContent.trim().replace(/\s+/g, ' ') : ''}];
}))`

func readForm(t *testing.T, ctx context.Context) map[string]formOption {
	t.Helper()
	return eval[map[string]formOption](t, ctx, readOptions)
}

// checkFormAsItOpens: every option of step 6 is there; what acme cannot use is greyed with why.
func checkFormAsItOpens(t *testing.T, ctx context.Context) {
	t.Helper()
	opts := readForm(t, ctx)
	for _, id := range []string{"data-config", "data-content", "data-mail", "data-files", "storage-server", "storage-ftp",
		"type-full", "type-incremental", "split", "exclude-logs", "exclude-some", "notify-on"} {
		if _, ok := opts[id]; !ok {
			t.Errorf("the form has no option %s", id)
		}
	}
	must(t, opts["storage-server"].Checked && !opts["storage-server"].Disabled, "the server storage is not chosen")
	must(t, opts["storage-ftp"].Disabled && opts["storage-ftp"].Reason == "Unavailable The personal FTP storage is not set up yet.",
		"the FTP storage: %+v", opts["storage-ftp"])
	must(t, !opts["split"].Disabled, "volumes refused in the server storage, which the CLI and the API allow: %+v", opts["split"])
	must(t, opts["type-full"].Checked && !opts["exclude-some"].Disabled, "the form does not open on a full backup with exclusions offered")
	note := text(t, ctx, "#chain-note")
	must(t, note == "No backup has been created yet: the first backup is a full backup.", "the type says %q", note)

	do(t, ctx, "untick User files and databases", chromedp.Click(chromedp.CSS(`#data-files`)))
	waitTrue(t, ctx, "the exclusions greyed", `document.getElementById('exclude-some').disabled`)
	opts = readForm(t, ctx)
	for _, id := range []string{"exclude-logs", "exclude-some"} {
		must(t, opts[id].Disabled && opts[id].Reason == "Unavailable Exclusions are only available with User files and databases.",
			"%s without user files: %+v", id, opts[id])
	}
	do(t, ctx, "tick User files and databases again", chromedp.Click(chromedp.CSS(`#data-files`)))
	waitTrue(t, ctx, "the exclusions offered again", `!document.getElementById('exclude-some').disabled`)
}

// checkWrongPatternsBlock types `../x` and a typed `a\tb`: each is marked with its reason, and
// Back Up stays disabled.
func checkWrongPatternsBlock(t *testing.T, ctx context.Context, shotName string, wants []string, blocked string) {
	t.Helper()
	do(t, ctx, "Exclude specific files", chromedp.Click(chromedp.CSS(`#exclude-some`)), chromedp.WaitEnabled(chromedp.CSS(`#exclude`)),
		chromedp.SendKeys(chromedp.CSS(`#exclude`), "../x\na\\tb"))
	waitTrue(t, ctx, "both patterns marked", `document.querySelector('#exclude-check .pattern-errors li:nth-child(2) code').textContent === 'a\\tb'`)
	got := eval[[]string](t, ctx, `[...document.querySelectorAll('#exclude-check .pattern-errors li')].map(li => li.textContent.trim().replace(/\s+/g, ' '))`)
	must(t, strings.Join(got, "\n") == strings.Join(wants, "\n"), "the wrong patterns read\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(wants, "\n"))
	waitTrue(t, ctx, "Back Up disabled", `document.getElementById('backup-submit').disabled`)
	must(t, eval[string](t, ctx, `document.getElementById('exclude').getAttribute('aria-invalid')`) == "true", "the patterns are not marked invalid")
	must(t, text(t, ctx, "#backup-blocked") == blocked, "beside Back Up: %q", text(t, ctx, "#backup-blocked"))
	shot(t, ctx, shotName)
}

// fillForm: valid exclusions with Preview, a comment, the notification address with blanks.
func fillForm(t *testing.T, ctx context.Context) {
	t.Helper()
	retype(t, ctx, "#exclude", "**/cache")
	do(t, ctx, "Exclude log files, Preview", chromedp.WaitVisible(chromedp.CSS(`#exclude-check .pattern-ok`)),
		chromedp.Click(chromedp.CSS(`#exclude-logs`)), chromedp.Click(chromedp.CSS(`#preview`)),
		chromedp.WaitVisible(chromedp.CSS(`#preview-result .note`)))
	preview := text(t, ctx, "#preview-result .note")
	must(t, strings.HasPrefix(preview, "The exclusions leave out ") && strings.Contains(preview, "/cache"), "the preview reads %q", preview)
	t.Logf("preview: %.160s", preview)
	do(t, ctx, "comment and notification",
		chromedp.SendKeys(chromedp.CSS(`#comment`), "Before the move"),
		chromedp.Click(chromedp.CSS(`#notify-on`)), chromedp.WaitEnabled(chromedp.CSS(`#notify`)))
	waitTrue(t, ctx, "the client's address proposed", `document.getElementById('notify').value === 'claire.dubois@acme.example'`)
	retype(t, ctx, "#notify", "  ops@acme.example  ")
	waitTrue(t, ctx, "Back Up enabled on a good form", `!document.getElementById('backup-submit').disabled`)
	must(t, eval[string](t, ctx, `document.getElementById('comment').value`) == "Before the move", "the comment reads %q",
		eval[string](t, ctx, `document.getElementById('comment').value`))
}

// retype empties a field as a user would (the page hears it) and types text.
func retype(t *testing.T, ctx context.Context, sel, text string) {
	t.Helper()
	do(t, ctx, "empty "+sel, chromedp.WaitVisible(chromedp.CSS(sel)), chromedp.Evaluate[chromedp.Void](`(() => {
		const el = document.querySelector('`+sel+`');
		el.value = ''; el.dispatchEvent(new Event('input', {bubbles: true}));
	})()`))
	do(t, ctx, "type into "+sel, chromedp.SendKeys(chromedp.CSS(sel), text))
}
