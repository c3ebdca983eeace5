package app

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/engine/progress"
	"coffre/engine/spec"
)

var taskStart = time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)

// backupTask is a backup task of acme in status with the given progress.
func backupTask(status taskStatus, pr progress.Rated) task {
	specJSON, _ := json.Marshal(spec.Backup{Client: "acme", Scope: spec.ScopeAccount, Mail: true, Files: true, Storage: "server",
		Comment: "before the move"})
	return task{ID: "7", Kind: "backup", Client: "acme", Spec: specJSON, Status: status, Created: taskStart, Started: &taskStart, Progress: pr}
}

func taskPageWith(lang string, t task) *taskPage {
	p := &taskPage{id: t.ID}
	p.lang, p.me = lang, adminSession
	p.login, p.acct = "acme", remote[account.Account]{Status: loaded, Data: fullAccount}
	p.task = remote[task]{Status: loaded, Data: t}
	return p
}

// A running backup: a real progress bar with files, bytes, rate, time left, current item, and
// Cancel.
func TestTaskPageRunning(t *testing.T) {
	tk := backupTask(taskRunning, progress.Rated{Progress: progress.Progress{Phase: "archive", Files: 120, Bytes: 40 << 20, TotalFiles: 300,
		TotalBytes: 100 << 20, Current: "files/acme.example/httpdocs/img/logo.png"}, Rate: 2 << 20, ETA: 30})
	html := render(t, taskPageWith(langEN, tk))
	noFalseAttributes(t, html)
	mustContain(t, "title", html, "<h1>Backup task 7</h1>")
	mustHaveElement(t, "bar", html, "div", "role", "progressbar", "aria-valuenow", "40", "aria-valuemin", "0", "aria-valuemax", "100")
	mustContain(t, "progress", html, "40 % · Writing the archive", "120 of 300", "40.0 MB of 100 MB", "2.0 MB/s",
		"about 30 s", "files/acme.example/httpdocs/img/logo.png", "before the move")
	mustHaveElement(t, "cancel", html, "button", "id", "task-cancel")
	if hasElement(html, "button", "id", "task-cancel", "disabled", "*") {
		t.Error("Cancel is disabled on a running task")
	}
}

// Without the server's estimate, the time left is the bytes left at the current rate.
func TestTaskPageTimeLeft(t *testing.T) {
	tk := backupTask(taskRunning, progress.Rated{Progress: progress.Progress{Phase: "archive", Bytes: 10 << 20, TotalBytes: 100 << 20}, Rate: 1 << 20})
	mustContain(t, "eta", section(t, render(t, taskPageWith(langEN, tk)), `id="progress-eta"`, `</span>`), "about 1 min 30 s")
}

// During the scan the totals are not known: the bar moves without a value.
func TestTaskPageScanning(t *testing.T) {
	html := render(t, taskPageWith(langFR, backupTask(taskRunning, progress.Rated{Progress: progress.Progress{Phase: "scan", Files: 1500}})))
	mustHaveElement(t, "bar", html, "div", "role", "progressbar", "aria-valuetext", "Analyse des fichiers")
	if hasElement(html, "div", "role", "progressbar", "aria-valuenow", "*") {
		t.Error("a value on a bar whose total is unknown")
	}
	mustContain(t, "files", html, "1\u202f500 pour l&#39;instant")
}

// A finished backup: its name, size, volumes, the mail sent, and the way to the Backup Manager.
func TestTaskPageDone(t *testing.T) {
	tk := backupTask(taskDone, progress.Rated{Progress: progress.Progress{Phase: "done"}})
	end := taskStart.Add(75 * time.Second)
	tk.Ended, tk.Notify, tk.Mail = &end, "ops@acme.example", taskMail{Status: mailSent}
	tk.Result, _ = json.Marshal(backupResult{Entry: backupEntry{Name: "acme_2026-11-25T093000Z_full", Type: "full",
		Size: 3 << 20, Files: 42, Spec: spec.Backup{Storage: "server"},
		Volumes: []volume{{Name: "acme_2026-11-25T093000Z_full.tar.zst", Size: 3 << 20}}}})
	tk.WarningCount, tk.Warnings = 1, []progress.Warning{{Path: "files/acme.example/tmp/fifo", Code: "special_file", Err: "fifo"}}
	html := render(t, taskPageWith(langEN, tk))
	result := section(t, html, `id="task-result"`, `</section>`)
	mustContain(t, "result", result, "The backup is complete", "acme_2026-11-25T093000Z_full", "3.0 MB", "1 min 15 s",
		"acme_2026-11-25T093000Z_full.tar.zst", "A notification was sent to ops@acme.example.", "What next")
	mustHaveElement(t, "result", result, "a", "href", "/customer/acme/backups")
	mustContain(t, "warnings", html, "Files not backed up as they were: 1", "files/acme.example/tmp/fifo",
		"special file (FIFO, socket, device): not backed up")
	if strings.Contains(html, `role="progressbar"`) || strings.Contains(html, `id="task-cancel"`) {
		t.Error("an ended task still shows its progress bar or Cancel")
	}
}

// A failed, cancelled or interrupted backup says so, with the error and what to do.
func TestTaskPageEnded(t *testing.T) {
	tests := []struct {
		status taskStatus
		err    string
		wants  []string
	}{
		{taskFailed, "stor volume 1: disk full", []string{"The backup failed", "The disk or the quota is full.", "Technical detail",
			"stor volume 1: disk full", "Nothing was kept."}},
		{taskCancelled, "", []string{"The backup was cancelled", "Back up again when you are ready."}},
		{taskInterrupted, "the server stopped", []string{"The backup was interrupted", "what it had written was removed"}},
	}
	for _, tt := range tests {
		tk := backupTask(tt.status, progress.Rated{})
		tk.Error, tk.Notify, tk.Mail = tt.err, "ops@acme.example", taskMail{Status: mailFailed, Error: "550 no such user",
			Failure: &failureInfo{Code: "recipient_refused"}}
		if tt.status == taskFailed {
			tk.Failure = &failureInfo{Code: "no_space"}
		}
		html := render(t, taskPageWith(langEN, tk))
		mustContain(t, string(tt.status), html, tt.wants...)
		mustContain(t, string(tt.status), html, "The notification to ops@acme.example could not be sent: The mail server refused the address: check it.",
			"550 no such user")
		mustHaveElement(t, string(tt.status), html, "a", "id", "backup-again", "href", "/customer/acme/backup?scope=account&from=7")
	}
}

func TestPathTaskID(t *testing.T) {
	for path, want := range map[string]string{
		"/customer/acme/tasks/7": "7", "/customer/acme/tasks/a%2Fb": "a/b", "/customer/acme/tasks": "",
		"/customer/acme/tasks/7/x": "", "/clients/acme/tasks/7": "", "/customer/acme/tasks/%zz": "",
	} {
		if got := pathTaskID(path); got != want {
			t.Errorf("pathTaskID(%q) = %q, want %q", path, got, want)
		}
	}
	if got := taskPagePath("a/b", "7"); got != "/customer/a%2Fb/tasks/7" {
		t.Errorf("taskPagePath = %q", got)
	}
}
