package e2e

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A new user deletes a file of acme's webspace, finds it in the backup's Contents, restores
// just that file and sees it back; then restores the whole subscription with the safety
// backup, and undoes it from the task's page: the webspace is as it was before the restore.
func TestRestoreAFileThenUndoAWholeRestore(t *testing.T) {
	s := startOwnServer(t)
	ctx := newTab(t, "en-US", 150*time.Second)
	logIn(t, ctx, s)
	root := eval[string](t, ctx, `fetch('/api/clients/acme').then(r => r.json()).then(a => a.subscriptions[0].root)`)
	domain := eval[string](t, ctx, `fetch('/api/clients/acme').then(r => r.json()).then(a => a.subscriptions[0].domain)`)
	precious := filepath.Join(root, "httpdocs", "precious-notes.txt")
	must(t, os.WriteFile(precious, []byte("the only copy"), 0o644) == nil, "write the file")
	writeIncompressible(t, filepath.Join(root, "httpdocs", "videos"), 6, 8<<20) // a restore long enough to watch
	name := backUpForRestore(t, ctx)
	must(t, os.Remove(precious) == nil, "delete the file")

	restoreOneFile(t, ctx, s, domain, precious)
	undoWholeRestore(t, ctx, s, root, domain, name)
}

// restoreOneFile finds the deleted file by its name in the backup's Contents, ticks it, and
// restores just that file.
func restoreOneFile(t *testing.T, ctx context.Context, s *coffre, domain, precious string) {
	t.Helper()
	do(t, ctx, "Backup Manager > Contents", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`#backup-list a.contents-link`),
		chromedp.Click(chromedp.CSS(`#backup-list a.contents-link`)), ready(`#contents-q`))
	do(t, ctx, "search the file", chromedp.SendKeys(chromedp.CSS(`#contents-q`), "precious"),
		chromedp.Click(chromedp.CSS(`#contents-search-submit`)), ready(`#contents-found`))
	waitTrue(t, ctx, "the file found", `document.querySelector('#contents-found').parentElement.textContent.includes('precious-notes.txt')`)
	do(t, ctx, "tick it, Restore", chromedp.Click(chromedp.CSS(`section[aria-labelledby="contents-found"] input.pick`)),
		ready(`#contents-restore`), chromedp.Click(chromedp.CSS(`#contents-restore`)), ready(`#restore-paths`))
	want := domain + "/httpdocs/precious-notes.txt"
	must(t, text(t, ctx, "#restore-paths") == want+" Remove", "the restore page lists %q, want %q", text(t, ctx, "#restore-paths"), want)
	must(t, eval[bool](t, ctx, `document.getElementById('restore-chosen').checked`), "Only what I choose is not selected")
	do(t, ctx, "Check what will change", chromedp.Click(chromedp.CSS(`#restore-preview`)), ready(`#restore-confirm`))
	added := text(t, ctx, "#restore-count-added")
	must(t, strings.HasPrefix(added, "1 added") && strings.Contains(added, want), "the confirmation says %q", added)
	must(t, strings.HasPrefix(text(t, ctx, "#restore-count-replaced"), "0 file(s) replaced"), "it replaces %q", text(t, ctx, "#restore-count-replaced"))
	shot(t, ctx, "restore-1-one-file-confirm")
	do(t, ctx, "Restore", chromedp.Click(chromedp.CSS(`#restore-submit`)), ready(`#task-result`))
	waitLong(t, ctx, "the restore done", `document.querySelector('#task-result .badge').dataset.status === 'done'`)
	result := text(t, ctx, "#task-result")
	must(t, strings.Contains(result, "The restore is complete") && !strings.Contains(result, "backup is complete"), "the result reads %q", result)
	must(t, text(t, ctx, "#result-files") == "1", "files written: %q", text(t, ctx, "#result-files"))
	data, err := os.ReadFile(precious)
	must(t, err == nil && string(data) == "the only copy", "the file is back as %q (%v)", data, err)
}

// undoWholeRestore changes the webspace, restores the whole subscription with the safety
// backup, then Undo: the tree is as it was before the restore, byte for byte.
func undoWholeRestore(t *testing.T, ctx context.Context, s *coffre, root, domain, name string) {
	t.Helper()
	must(t, os.WriteFile(filepath.Join(root, "httpdocs", "precious-notes.txt"), []byte("edited since"), 0o644) == nil, "edit")
	must(t, os.WriteFile(filepath.Join(root, "httpdocs", "new-page.html"), []byte("<p>new</p>"), 0o644) == nil, "add")
	must(t, os.RemoveAll(filepath.Join(root, "httpdocs", "videos", "video-00.bin")) == nil, "delete")
	before := treeSums(t, root)

	do(t, ctx, "the restore page", chromedp.Navigate(s.url+"/customer/acme/restore?backup="+name+"&storage=server"), ready(`#restore-form`))
	do(t, ctx, "the whole subscription, its databases replaced", chromedp.Click(chromedp.CSS(`#restore-chosen`)),
		ready(`#restore-sub-`+cssEscape(domain)), chromedp.Click(chromedp.CSS(`#restore-sub-`+cssEscape(domain))),
		chromedp.Click(chromedp.CSS(`#restore-overwrite`)))
	must(t, eval[bool](t, ctx, `document.getElementById('restore-safety').checked`), "the safety backup is not on by default")
	// Until the app has taken over the page, a click can be lost: tick each box until it holds.
	for _, id := range []string{"restore-sub-" + domain, "restore-overwrite"} {
		waitTrue(t, ctx, id+" ticked", `(e => e !== null && (e.checked || (e.click(), false)))(document.getElementById('`+id+`'))`)
	}
	do(t, ctx, "Check what will change", chromedp.Click(chromedp.CSS(`#restore-preview`)), ready(`#restore-confirm`))
	for id, want := range map[string]string{"#restore-count-replaced": "1 file(s) replaced", "#restore-count-added": "1 added",
		"#restore-count-removed": "1 removed"} {
		must(t, strings.HasPrefix(text(t, ctx, id), want), "%s says %q, want %q", id, text(t, ctx, id), want)
	}
	must(t, strings.Contains(text(t, ctx, "#restore-confirm"), "A safety backup of these webspaces is made first"), "no word of the safety backup")
	shot(t, ctx, "restore-2-confirm")
	do(t, ctx, "Restore", chromedp.Click(chromedp.CSS(`#restore-submit`)), ready(`.live-task, #task-result`))
	if eval[bool](t, ctx, `!!document.querySelector('.live-task')`) {
		waitTrue(t, ctx, "a phase shown", `document.querySelector('.live-task').textContent.includes('Making the safety backup') ||
			document.querySelector('.live-task').textContent.includes('Restoring')`)
		shot(t, ctx, "restore-3-running")
	} else {
		t.Errorf("the restore ended before its task page showed it running")
	}
	waitLong(t, ctx, "the restore done", `document.querySelector('#task-result .badge').dataset.status === 'done'`)
	safety := text(t, ctx, "#result-safety")
	must(t, safety != "" && strings.Contains(text(t, ctx, "#result-target"), domain), "the result reads %q", text(t, ctx, "#task-result"))
	data, _ := os.ReadFile(filepath.Join(root, "httpdocs", "precious-notes.txt"))
	must(t, string(data) == "the only copy", "after the restore the file reads %q", data)

	do(t, ctx, "Undo", chromedp.Click(chromedp.CSS(`#restore-undo`)))
	waitLong(t, ctx, "the undo done", `document.querySelector('#request-safety').textContent.includes('undoes another') &&
		document.querySelector('#task-result .badge').dataset.status === 'done'`)
	must(t, strings.Contains(text(t, ctx, "#task-result"), "The restore is undone"), "the undo's result reads %q", text(t, ctx, "#task-result"))
	shot(t, ctx, "restore-4-undone")
	after := treeSums(t, root)
	for p, w := range before {
		must(t, after[p] == w, "after the undo, %s is %q, want %q", p, after[p], w)
	}
	must(t, len(after) == len(before), "after the undo, %d paths, want %d", len(after), len(before))

	do(t, ctx, "the Backup Manager", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`#backup-list`))
	must(t, strings.Contains(text(t, ctx, "#backup-list tbody tr:first-child"), "Safety backup made before restoring "+name),
		"the safety backup's row reads %q", text(t, ctx, "#backup-list tbody tr:first-child"))
}

// backUpForRestore backs acme's websites up through the API, waits for the task to end and
// returns the backup's name.
func backUpForRestore(t *testing.T, ctx context.Context) string {
	t.Helper()
	a := fetchAPI(t, ctx, "POST", "/api/clients/acme/backups", `{scope: 'websites', files: true, storage: 'server'}`)
	must(t, a.Status == 202, "start a backup: %d %v", a.Status, a.Body)
	id, _ := a.Body["id"].(string)
	ok := eval[bool](t, ctx, fmt.Sprintf(`new Promise(done => {
		const until = Date.now() + 60000;
		const check = () => fetch('/api/tasks/%s').then(r => r.json()).then(t => {
			if (t.status === 'done') return done(true);
			if (t.status === 'failed' || Date.now() > until) return done(false);
			setTimeout(check, 100);
		});
		check();
	})`, id))
	must(t, ok, "the backup did not end well within 60 s")
	return eval[string](t, ctx, `fetch('/api/clients/acme/backups').then(r => r.json()).then(l => l[0].name)`)
}

// treeSums maps each path below root to its type, mode, size, mtime and content's SHA-256.
func treeSums(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		v := fmt.Sprintf("%s %d", fi.Mode(), fi.ModTime().UnixNano())
		switch {
		case fi.Mode().IsRegular():
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			v += fmt.Sprintf(" %d %s", fi.Size(), hex.EncodeToString(sum[:8]))
		case fi.Mode()&fs.ModeSymlink != 0:
			target, _ := os.Readlink(p)
			v = "link " + target
		}
		out[rel] = v
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// cssEscape escapes the dots of an id for a CSS selector.
func cssEscape(id string) string { return strings.ReplaceAll(id, ".", `\.`) }

// waitLong waits up to 90 s for a JavaScript expression to hold in the page: a task's end.
func waitLong(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	ok := eval[bool](t, ctx, `new Promise(done => {
		const until = Date.now() + 90000;
		const check = () => {
			let v = false;
			try { v = !!(`+expr+`); } catch (e) {}
			if (v || Date.now() > until) return done(v);
			setTimeout(check, 50);
		};
		check();
	})`)
	if !ok {
		shot(t, ctx, "restore-failed")
		t.Fatalf("%s: not after 90 s; the page reads %q", what, eval[string](t, ctx, `document.querySelector('main').innerText`))
	}
}
