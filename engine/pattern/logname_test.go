package pattern

import "testing"

func TestIsLogName(t *testing.T) {
	logs := []string{
		"error.log", "access_log", "access_ssl_log", "error_log", "proxy_error_log", "app-log",
		"app.log.1", "app.log.12", "app.log.2.gz", "app.log.old", "access_log.processed",
		"access_log.processed.1.gz", "access_log.webstat", "access.log-20240101",
		"access.log-20240101.gz", "error.log.2024-01-01", "x.log.bz2", "x.log.xz", "x.log.zst",
		"ERROR.LOG", "Access_Log.1.GZ", ".log",
	}
	notLogs := []string{
		"catalog.php", "blog", "login.html", "logo.png", "changelog", "CHANGELOG.md", "syslog",
		"logs", "log", "backup.gz", "dialog.js", "catalog", "2024-01-01", "v1.2", "app.logs",
		"a.log.php", "a.log.1.2.3.4.5.6", "", "-", ".gz",
	}
	for _, name := range logs {
		if !IsLogName(name) {
			t.Errorf("IsLogName(%q) = false, want true", name)
		}
	}
	for _, name := range notLogs {
		if IsLogName(name) {
			t.Errorf("IsLogName(%q) = true, want false", name)
		}
	}
}
