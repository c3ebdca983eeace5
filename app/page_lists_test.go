package app

import (
	"strings"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/engine/progress"
	"coffre/engine/spec"
)

// The Backup Manager lists the backups of both storages with their chain, and the client's
// recent tasks, the running one with its progress.
func TestBackupManagerLists(t *testing.T) {
	at := func(h int) time.Time { return time.Date(2026, 11, 25, h, 0, 0, 0, time.UTC) }
	full := spec.Backup{Scope: spec.ScopeAccount, Mail: true, Files: true}
	p := &backupsPage{}
	p.lang, p.me, p.login = langEN, adminSession, "acme"
	p.acct = remote[account.Account]{Status: loaded, Data: fullAccount}
	p.backups = remote[[]backupEntry]{Status: loaded, Data: []backupEntry{
		{Name: "acme_c_incr", Created: at(12), Type: "incremental", Parent: "acme_b_incr", Spec: full, Storage: "server", Size: 2048,
			Volumes: []volume{{}}, Status: "broken", Missing: []string{"acme_b_incr"}, Subscriptions: []string{"acme.example"},
			// Mail was asked; the record says what the backup really holds.
			Captured: &captured{Files: true, Databases: true, WebFiles: 1234,
				DBs: []capturedDB{{Name: "shop", Engine: "postgres", Path: "databases/acme.example/shop.sql", Size: 2 << 20},
					{Name: "blog", Engine: "mysql", Warning: "mariadb-dump: Access denied"}}}},
		{Name: "acme_a_full", Created: at(9), Type: "full", Spec: spec.Backup{Scope: spec.ScopeWebsites, ConfigOnly: true, Comment: "first"},
			Storage: "ftp", Size: 5 << 20, Volumes: []volume{{}, {}, {}}, Status: "ok"},
	}}
	p.tasks = remote[[]task]{Status: loaded, Data: []task{
		backupTask(taskRunning, progress.Rated{Progress: progress.Progress{Phase: "archive", Bytes: 1, TotalBytes: 4}}),
	}}
	html := render(t, p)
	list := section(t, html, `id="backup-list"`, `</table>`)
	mustContain(t, "backups", list, "Nov 25, 2026 12:00", "Incremental", "after the backup of acme_b_incr",
		"Account and websites: configuration, files: 1,234, databases: 1 (1 NOT backed up)", "Server storage", "2.0 KB",
		"Database shop (postgres): 2.0 MB", "Database blog (mysql): NOT backed up: mariadb-dump: Access denied",
		"Subscriptions: acme.example", "Broken chain: missing acme_b_incr",
		"Websites: not recorded", "Personal FTP storage", "5.0 MB", ">3<", "first", ">OK<")
	mustHaveElement(t, "backups", list, "td", "data-label", "Volumes")
	tasks := section(t, html, `id="tasks-title"`, `</section>`)
	mustContain(t, "tasks", tasks, "Backup · Task 7", "Running", "25 % · Writing the archive")
	mustHaveElement(t, "tasks", tasks, "a", "href", "/customer/acme/tasks/7")
}

// The administrator's Tasks list every client's tasks with the client.
func TestTasksPage(t *testing.T) {
	p := &tasksPage{}
	p.lang, p.me = langFR, adminSession
	done := backupTask(taskDone, progress.Rated{})
	done.ID, done.Client = "3", "bistro"
	p.tasks = remote[[]task]{Status: loaded, Data: []task{backupTask(taskQueued, progress.Rated{}), done}}
	html := render(t, p)
	mustContain(t, "tasks", html, ">Tâches<", "Sauvegarde · Tâche 7", "En attente", "Terminée", ">bistro<")
	mustHaveElement(t, "tasks", html, "a", "href", "/customer/bistro/tasks/3")
	mustHaveElement(t, "nav", html, "a", "href", "/tasks", "aria-current", "page")
	mustHaveElement(t, "nav", html, "a", "href", "/settings")
}

// Settings: the password is never shown, only whether one is saved; a refused field is marked.
func TestSettingsPage(t *testing.T) {
	p := &settingsPage{}
	p.lang, p.me = langEN, adminSession
	p.smtp = remote[smtpSettings]{Status: loaded, Data: smtpSettings{Host: "mail.example", Port: 587, TLS: "starttls", User: "coffre", From: "coffre@example", HasPassword: true}}
	p.fill()
	p.save = remote[smtpSettings]{Status: failed, Err: &failure{HTTPStatus: 400, Problem: account.Problem{Code: "invalid_port", Field: "port"}}}
	p.test = remote[string]{Status: failed, Err: &failure{HTTPStatus: 502, Problem: account.Problem{Code: "mail_failed", Error: "dial tcp: connection refused"}}}
	html := render(t, p)
	noFalseAttributes(t, html)
	mustHaveElement(t, "host", html, "input", "id", "smtp-host", "value", "mail.example")
	mustHaveElement(t, "tls", html, "input", "id", "smtp-tls-starttls", "checked", "*")
	mustHaveElement(t, "password", html, "input", "id", "smtp-password", "type", "password")
	if hasElement(html, "input", "id", "smtp-password", "value", "*") {
		t.Error("the password field is given a value")
	}
	mustContain(t, "password", html, "A password is saved. Leave blank to keep it.")
	mustHaveElement(t, "port", html, "input", "id", "smtp-port", "aria-invalid", "")
	mustContain(t, "port", section(t, html, `id="smtp-port-error"`, `</ul>`), "Enter a port from 1 to 65535.")
	mustContain(t, "test", section(t, html, `id="smtp-test-failed"`, `</div>`), "The mail could not be sent.", "dial tcp: connection refused")
	if strings.Contains(html, "secret") {
		t.Error("a password on the page")
	}
}

func TestFormats(t *testing.T) {
	for _, tt := range []struct {
		lang string
		n    int64
		want string
	}{{langEN, 0, "0 bytes"}, {langEN, 1023, "1023 bytes"}, {langEN, 1536, "1.5 KB"}, {langFR, 1536, "1,5 Ko"},
		{langEN, 150 << 20, "150 MB"}, {langFR, 3 << 30, "3,0 Go"}} {
		if got := formatBytes(tt.lang, tt.n); got != tt.want {
			t.Errorf("formatBytes(%s, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
	for d, want := range map[time.Duration]string{0: "0 s", 59 * time.Second: "59 s", 65 * time.Second: "1 min 05 s",
		2*time.Hour + 7*time.Minute + 30*time.Second: "2 h 07 min"} {
		if got := formatDuration(d); got != want {
			t.Errorf("formatDuration(%v) = %q, want %q", d, got, want)
		}
	}
	for n, want := range map[int64]string{7: "7", 1234: "1,234", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := formatCount(langEN, n); got != want {
			t.Errorf("formatCount(%d) = %q, want %q", n, got, want)
		}
	}
	for _, tt := range []struct {
		done, total int64
		want        int
		ok          bool
	}{{0, 0, 0, false}, {5, 0, 0, false}, {1, 4, 25, true}, {5, 4, 100, true}, {-1, 4, 0, true}} {
		if got, ok := percent(tt.done, tt.total); got != tt.want || ok != tt.ok {
			t.Errorf("percent(%d, %d) = %d, %v", tt.done, tt.total, got, ok)
		}
	}
}
