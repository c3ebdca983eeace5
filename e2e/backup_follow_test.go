package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// watchBackUp records, in the page, when Back Up is clicked, when the task's progress (or its
// result) first shows, and when the bytes first move.
const watchBackUp = `(() => {
	const w = window.__backup = {click: 0, shown: 0, moved: 0};
	document.getElementById('backup-submit').addEventListener('click', () => { w.click = performance.now(); }, {capture: true, once: true});
	new MutationObserver((_, obs) => {
		if (!w.shown && document.querySelector('[role="progressbar"], #task-result')) w.shown = performance.now();
		const b = document.getElementById('progress-bytes');
		if (!w.moved && b && !/^0 bytes/.test(b.textContent.trim())) w.moved = performance.now();
		if (w.shown && w.moved) obs.disconnect();
	}).observe(document.body, {subtree: true, childList: true, characterData: true});
})()`

type backUpTimes struct {
	Click float64 `json:"click"`
	Shown float64 `json:"shown"`
	Moved float64 `json:"moved"`
}

// backUpAndFollow clicks Back Up, waits for the task's page, screenshots the running task,
// waits for the result and returns the backup's name. It logs the time from the click to the
// first progress shown.
func backUpAndFollow(t *testing.T, ctx context.Context, runningShot string) string {
	t.Helper()
	do(t, ctx, "watch", chromedp.Evaluate[chromedp.Void](watchBackUp))
	do(t, ctx, "step 7: Back Up", chromedp.Click(chromedp.CSS(`#backup-submit`)),
		chromedp.WaitVisible(chromedp.CSS(`[role="progressbar"], #task-result`)))
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	must(t, strings.Contains(loc, "/customer/acme/tasks/"), "Back Up leads to %s, want the task's page", loc)
	if runningShot != "" {
		waitTrue(t, ctx, "the bytes move or the task ends", `window.__backup.moved > 0 || document.getElementById('task-result')`)
		if eval[bool](t, ctx, `!!document.querySelector('.live-task .badge[data-status="running"]')`) {
			must(t, text(t, ctx, "#progress-files") != "" && text(t, ctx, "#progress-eta") != "", "the running task shows no numbers")
			shot(t, ctx, runningShot)
		} else {
			t.Errorf("the task was not seen running (status %q): no screenshot of a running task",
				eval[string](t, ctx, `(document.querySelector('.badge[data-status]') || {dataset: {}}).dataset.status || ''`))
		}
	}
	do(t, ctx, "the task completes", chromedp.WaitVisible(chromedp.CSS(`#task-result`)),
		chromedp.WaitVisible(chromedp.CSS(`#task-result .mail-status`)))
	result := text(t, ctx, "#task-result")
	must(t, strings.Contains(result, "The backup is complete"), "the result reads %q", result)
	do(t, ctx, "the mail is sent", chromedp.WaitVisible(chromedp.CSS(`#task-result .mail-status:not(.muted)`)))
	mail := text(t, ctx, "#task-result .mail-status")
	must(t, mail == "A notification was sent to ops@acme.example.", "the result says %q about the mail", mail)
	w := eval[backUpTimes](t, ctx, "window.__backup")
	moved := "the task ended before a poll saw it running"
	if w.Moved > 0 {
		moved = ms(w.Moved-w.Click) + " to the first bytes counted"
	}
	t.Logf("timing: Back Up clicked -> first progress shown %s; %s; the backup took %s, %s stored", ms(w.Shown-w.Click), moved,
		text(t, ctx, "#result-duration"), text(t, ctx, "#result-size"))
	return text(t, ctx, "#result-name")
}

func ms(v float64) string {
	return (time.Duration(v * float64(time.Millisecond))).Round(time.Millisecond).String()
}

// incremental backs up again from the Backup Manager: the form names the backup an incremental
// one follows, and the new backup is listed after it.
func incremental(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, "Backup Manager > Back Up Account and Websites", chromedp.Click(chromedp.CSS(`main [data-choice="account"] a.choice-action`)),
		ready(`#backup-form #chain-note`))
	note := text(t, ctx, "#chain-note")
	must(t, strings.HasPrefix(note, "An incremental backup stores the changes since the backup of "), "the type says %q", note)
	do(t, ctx, "Incremental", chromedp.Click(chromedp.CSS(`#type-incremental`)))
	// Incremental greys Configuration only, with the reason (the form grows: wait before clicking).
	waitTrue(t, ctx, "Configuration only greyed", `document.getElementById('data-config-reason')`)
	reason := text(t, ctx, "#data-config-reason")
	must(t, reason == "Unavailable An incremental backup always includes the content: it cannot be configuration only.",
		"Configuration only with Incremental: %q", reason)
	do(t, ctx, "Back Up", chromedp.Click(chromedp.CSS(`#backup-submit`)), chromedp.WaitVisible(chromedp.CSS(`#task-result`)))
	must(t, strings.Contains(text(t, ctx, "#task-result"), "Incremental"), "the result reads %q", text(t, ctx, "#task-result"))
	do(t, ctx, "Backup Manager", chromedp.Click(chromedp.CSS(`#to-backup-manager`)), ready(`#backup-list tbody tr:nth-child(2)`))
	row := text(t, ctx, `#backup-list tbody tr:first-child`)
	must(t, strings.Contains(row, "Incremental after the backup of"), "the incremental backup's row reads %q", row)
}

// cancelled starts Back Up Websites (a full backup: no earlier one of the websites) and cancels
// it while it runs: the task ends cancelled, nothing is listed, and the page offers to back up
// again.
func cancelled(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, "Back Up Websites", chromedp.Click(chromedp.CSS(`main [data-choice="websites"] a.choice-action`)),
		ready(`#backup-form #chain-note`), chromedp.Click(chromedp.CSS(`#backup-submit`)),
		chromedp.WaitVisible(chromedp.CSS(`.live-task .badge[data-status="running"], #task-result`)))
	if eval[bool](t, ctx, `!!document.getElementById('task-result')`) {
		t.Fatalf("the backup ended before it could be cancelled: %s", text(t, ctx, "#task-result"))
	}
	do(t, ctx, "Cancel", chromedp.Click(chromedp.CSS(`#task-cancel`)), chromedp.WaitVisible(chromedp.CSS(`#cancel-confirm, #task-result`)))
	if eval[bool](t, ctx, `!!document.getElementById('cancel-confirm')`) {
		must(t, strings.Contains(text(t, ctx, "#cancel-confirm"), "Cancel this backup?"), "the question: %q", text(t, ctx, "#cancel-confirm"))
		shot(t, ctx, "desktop-task-cancel-confirm")
		do(t, ctx, "Yes, cancel", chromedp.Click(chromedp.CSS(`#task-cancel-confirm`)), chromedp.WaitVisible(chromedp.CSS(`#task-result`)))
	}
	result := text(t, ctx, "#task-result")
	must(t, strings.Contains(result, "The backup was cancelled") && strings.Contains(result, "Nothing was kept."), "after Cancel: %q", result)
	must(t, eval[bool](t, ctx, `!!document.querySelector('#backup-again[href^="/customer/acme/backup?scope=websites&from="]')`), "no Back up again")
	do(t, ctx, "Backup Manager", chromedp.Click(chromedp.CSS(`#to-backup-manager`)), ready(`#backup-list`),
		ready(`.task-list tbody tr:nth-child(3)`))
	rows := eval[int](t, ctx, `document.querySelectorAll('#backup-list tbody tr').length`)
	must(t, rows == 2, "after a cancelled backup the Backup Manager lists %d backups, want 2", rows)
	must(t, strings.Contains(text(t, ctx, ".task-list tbody tr:first-child"), "Cancelled"), "the recent tasks do not show the cancelled one")
}

// checkTasksPage: the administrator's Tasks list the backups of acme, the newest first.
func checkTasksPage(t *testing.T, ctx context.Context) {
	t.Helper()
	do(t, ctx, "Back to Clients, Tasks", chromedp.Click(chromedp.CSS(`.banner a[href="/clients"]`)), ready(`a.client-link`),
		chromedp.Click(chromedp.CSS(`nav.sidenav a[href="/tasks"]`)), ready(`.task-list tbody tr:nth-child(3)`))
	rows := eval[[]string](t, ctx, `[...document.querySelectorAll('.task-list tbody tr')].map(r => r.textContent.replace(/\s+/g, ' ').trim())`)
	want := []string{"Cancelled", "Done", "Done"}
	must(t, len(rows) == len(want), "Tasks lists %d tasks, want %d: %q", len(rows), len(want), rows)
	for i, r := range rows {
		must(t, i < len(want) && strings.Contains(r, "Backup · Task") && strings.Contains(r, "acme") && strings.Contains(r, want[i]),
			"task %d reads %q", i+1, r)
	}
	shot(t, ctx, "tasks")
}
