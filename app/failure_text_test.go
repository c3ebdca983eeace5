package app

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// codesIn returns the first group of every match of re in the Go files of dir (tests excluded).
func codesIn(t *testing.T, dir string, re *regexp.Regexp) []string {
	t.Helper()
	names, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil || len(names) == 0 {
		t.Fatalf("no Go files in %s: %v", dir, err)
	}
	var out []string
	for _, n := range names {
		if strings.HasSuffix(n, "_test.go") {
			continue
		}
		src, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			out = append(out, m[1])
		}
	}
	return out
}

// Every code the server sorts errors into (server/failure) and every code of a task's log line
// (server/tasks, server/jobs, the engine's log messages) is said in both languages.
func TestEveryFailureAndLogCodeIsTranslated(t *testing.T) {
	fail := codesIn(t, "../server/failure", regexp.MustCompile(`(?m)^\s*[A-Z][A-Za-z]* += "([a-z_]+)"`))
	if len(fail) < 20 {
		t.Fatalf("found only %d failure codes: %v", len(fail), fail)
	}
	for _, c := range fail {
		mustTranslate(t, "fail."+c)
	}
	logRe := regexp.MustCompile(`(?:Say\(|Text: [^\n]*, Code: |failureLine\(now, )"([a-z_]+)"`)
	var logs []string
	for _, dir := range []string{"../server/tasks", "../server/jobs"} {
		logs = append(logs, codesIn(t, dir, logRe)...)
	}
	engineRe := regexp.MustCompile(`\.Log\.(?:Info|Warn)\("([^"]+)"`)
	for _, dir := range []string{"../engine/backup", "../engine/restore"} {
		logs = append(logs, codesIn(t, dir, engineRe)...)
	}
	if len(logs) < 20 {
		t.Fatalf("found only %d log codes: %v", len(logs), logs)
	}
	for _, c := range logs {
		mustTranslate(t, "log."+c)
	}
}

func mustTranslate(t *testing.T, key string) {
	t.Helper()
	w, ok := messages[key]
	if !ok || w.en == "" || w.fr == "" {
		t.Errorf("no message %q in both languages", key)
	}
}

// A failure is said in the panel's language with what to do; the administrator reads what to
// set up, a client never does.
func TestFailText(t *testing.T) {
	client := &frame{lang: langFR}
	admin := &frame{lang: langEN, me: adminSession}
	tests := []struct {
		f          *frame
		code, want string
		args       []string
	}{
		{admin, "unreachable", "Nothing answers at 127.0.0.1:2599: check the host name and the port", []string{"127.0.0.1:2599"}},
		{client, "unreachable", "Le serveur est injoignable\u202f: vérifiez le nom d'hôte et le port", nil},
		{client, "no_such_backup", "Ce stockage ne contient aucune sauvegarde de ce nom\u202f: le Gestionnaire de sauvegardes", nil},
		{admin, "smtp_not_set_up", "Mail is not set up: enter the SMTP server in Settings.", nil},
		{client, "smtp_not_set_up", "Les notifications ne sont pas disponibles sur cet hôte.", nil},
		{client, "space_short", "Espace libre insuffisant\u202f: environ 21,0 Mo nécessaires, 16,0 Mo libres dans /srv/coffre.", []string{"22020096", "16777216", "/srv/coffre"}},
		{admin, "wrong_backup_password", "Wrong password for this backup", nil},
		{client, "brand_new_code", "Une erreur inattendue l'a arrêté.", nil},
	}
	for _, tt := range tests {
		if got := tt.f.failText(tt.code, tt.args); !strings.HasPrefix(got, tt.want) {
			t.Errorf("failText(%s, %q) = %q, want it to begin with %q", tt.f.lang, tt.code, got, tt.want)
		}
	}
	if got := client.mailFailText(&failureInfo{Code: "auth_refused"}); strings.Contains(got, "paramètres") || !strings.Contains(got, "fournisseur") {
		t.Errorf("a client is told to fix the mail settings: %q", got)
	}
}

// The task log reads as sentences in the panel's language, sizes and counts written its way;
// a line without a known code keeps the server's words.
func TestLogText(t *testing.T) {
	f := &frame{lang: langFR}
	at := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	tests := []struct {
		l    logLine
		want string
	}{
		{logLine{Time: at, Text: "Backup x stored", Code: "backup_stored", Args: map[string]string{"backup": "acme_full", "type": "full",
			"files": "1500", "bytes": "3145728", "volumes": "1"}},
			"Sauvegarde acme_full enregistrée\u202f: complète, 1\u202f500 fichiers, 3,0 Mo en 1 volume(s)."},
		{logLine{Text: "Backing up", Code: "backup_start", Args: map[string]string{"client": "acme", "subscriptions": "acme.example", "storage": "ftp"}},
			"Sauvegarde de acme (acme.example) vers le stockage FTP personnel."},
		{logLine{Text: "Failed: dial tcp", Code: "failed", Args: map[string]string{"code": "no_such_backup", "error": "open manifest x"}},
			"Échec\u202f: Ce stockage ne contient aucune sauvegarde de ce nom"},
		{logLine{Text: "restore: database loaded database=shop as=shop2", Code: "restore: database loaded",
			Args: map[string]string{"database": "shop", "as": "shop2"}}, "Base de données shop chargée sous le nom shop2."},
		{logLine{Text: "something new happened", Code: "brand_new"}, "something new happened"},
	}
	for _, tt := range tests {
		if got := logText(f, tt.l); !strings.HasPrefix(got, tt.want) {
			t.Errorf("logText(%+v) = %q, want %q", tt.l, got, tt.want)
		}
	}
}
