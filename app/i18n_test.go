package app

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/engine/progress"
)

var placeholder = regexp.MustCompile(`\{\d+\}`)

// Every message says the same thing in both languages: both present, same placeholders.
func TestMessagesHaveBothLanguages(t *testing.T) {
	for key, w := range messages {
		if w.en == "" || w.fr == "" {
			t.Errorf("%q: en %q, fr %q: both languages are needed", key, w.en, w.fr)
		}
		en, fr := placeholder.FindAllString(w.en, -1), placeholder.FindAllString(w.fr, -1)
		slices.Sort(en)
		slices.Sort(fr)
		if !slices.Equal(en, fr) {
			t.Errorf("%q: placeholders en %v, fr %v", key, en, fr)
		}
	}
}

// The French words of Plesk's Backup Manager, exactly (docs/panel-flow.md).
func TestFrenchFollowsTheSeed(t *testing.T) {
	for key, want := range map[string]string{
		"nav.clients":       "Clients",
		"tab.domains":       "Domaines",
		"tab.subscriptions": "Abonnements",
		"manage":            "Gérer dans le Panneau Client",
		"nav.account":       "Compte",
		"backup.account":    "Sauvegarder le compte et les sites Web",
		"backup.websites":   "Sauvegarder les sites Web",
		"nav.websites":      "Sites Web & Domaines",
		"nav.backups":       "Gestionnaire de sauvegardes",
		"right.ftpStorage":  "Stockage FTP personnel",
	} {
		if got := tr(langFR, key); got != want {
			t.Errorf("fr %q = %q, want %q", key, got, want)
		}
	}
}

func TestTr(t *testing.T) {
	tests := []struct {
		lang, key string
		args      []string
		want      string
	}{
		{"en", "banner.managing", []string{"Acme Corp (acme)"}, "You are managing the Customer Panel of Acme Corp (acme)."},
		{"fr", "banner.managing", []string{"Acme Corp (acme)"}, "Vous gérez le Panneau Client d'Acme Corp (acme)."},
		{"fr", "banner.managing", []string{"Bistro (bistro)"}, "Vous gérez le Panneau Client de Bistro (bistro)."},
		{"fr", "banner.managing", []string{"Écrins SA (ecrins)"}, "Vous gérez le Panneau Client d'Écrins SA (ecrins)."},
		// French typography: a narrow no-break space before the colon, not in the arguments.
		{"fr", "websites.aliases", []string{"a.example : b"}, "Alias\u202f: a.example : b"},
		{"", "nav.account", nil, "Account"},   // before the language is known
		{"de", "nav.account", nil, "Account"}, // an unknown language reads English
		{"en", "no.such.key", nil, "no.such.key"},
	}
	for _, tt := range tests {
		if got := tr(tt.lang, tt.key, tt.args...); got != tt.want {
			t.Errorf("tr(%q, %q, %q) = %q, want %q", tt.lang, tt.key, tt.args, got, tt.want)
		}
	}
}

func TestPickLang(t *testing.T) {
	for tag, want := range map[string]string{
		"fr": "fr", "fr-FR": "fr", "fr-CA": "fr", "FR_be": "fr",
		"en-US": "en", "de-DE": "en", "": "en", "fry": "en", "frisian": "en",
	} {
		if got := pickLang(tag); got != want {
			t.Errorf("pickLang(%q) = %q, want %q", tag, got, want)
		}
	}
}

func TestProblemText(t *testing.T) {
	tests := []struct {
		lang string
		p    account.Problem
		want string
	}{
		{"fr", account.Problem{Code: "login_failed", Error: "login failed"}, "Échec de la connexion\u202f: vérifiez l'identifiant et le mot de passe."},
		{"en", account.Problem{Code: "too_long", Args: []string{"4096"}}, "A pattern may be at most 4096 bytes long."},
		{"fr", account.Problem{Code: "brand_new", Error: "something new"}, "something new"},
		{"en", account.Problem{Code: "brand_new"}, "The server could not answer (brand_new)."},
		{"fr", account.Problem{Code: "no_such_backup", Args: []string{"acme-2026"}, Error: "backup \"acme-2026\": no such backup"},
			"Ce stockage ne contient aucune sauvegarde nommée acme-2026\u202f: le Gestionnaire de sauvegardes liste celles qu'il contient."},
	}
	for _, tt := range tests {
		if got := problemText(tt.lang, tt.p); got != tt.want {
			t.Errorf("problemText(%q, %+v) = %q, want %q", tt.lang, tt.p, got, tt.want)
		}
	}
}

func TestFormatTime(t *testing.T) {
	at := time.Date(2026, 11, 25, 9, 30, 0, 0, time.UTC)
	if got := formatTime(langEN, at); got != "Nov 25, 2026 09:30" {
		t.Errorf("en: %q", got)
	}
	if got := formatTime(langFR, at); got != "25 nov. 2026 09:30" {
		t.Errorf("fr: %q", got)
	}
}

// runTimeFamilies are the prefixes of keys built at run time, each with every key the panel
// may build: "status." + a task's status...
var runTimeFamilies = map[string][]string{
	"lang.":       {"en", "fr"},
	"status.":     statusNames(),
	"kind.":       {"backup", "restore", "verify"},
	"task.title.": {"backup", "restore", "verify"},
	"phase.":      {"scan", "archive", "index", "manifest", "done", "check", "restore", "prune", "verify", "safety"},
	"restore.result.": {"done.title", "done.next", "warnings.title", "warnings.next", "failed.title", "failed.next",
		"safety.title", "safety.next", "cancelled.title", "cancelled.next", "interrupted.title", "interrupted.next", "undone.title", "undone.next"},
	"restore.existing.": {"overwrite", "newer", "missing", "overwrite.help", "newer.help", "missing.help"},
	"warn.":             progress.Codes,
	"smtp.tls.":         {"none", "starttls", "tls", "none.help", "starttls.help", "tls.help"},
	"weekday.":          {"0", "1", "2", "3", "4", "5", "6"},
	"verify.result.": {"sound.title", "sound.next", "problems.title", "problems.next", "error.title", "error.next",
		"cancelled.title", "cancelled.next", "interrupted.title", "interrupted.next"},
	"summary.": {"done", "warnings", "failed", "cancelled", "interrupted"},
	"cancel.": {"question.backup", "question.restore", "question.undo", "question.verify", "effect.backup", "effect.restore",
		"effect.undo", "effect.verify", "no.backup", "no.restore", "no.undo", "no.verify"},
}

func statusNames() []string {
	var out []string
	for _, s := range taskStatuses {
		out = append(out, string(s))
	}
	return out
}

// builtAtRunTime reports whether key is "err." + a code or one of a run-time family.
func builtAtRunTime(key string) bool {
	if strings.HasPrefix(key, "err.") || strings.HasPrefix(key, "fail.") || strings.HasPrefix(key, "log.") {
		return true
	}
	for prefix, names := range runTimeFamilies {
		if rest, ok := strings.CutPrefix(key, prefix); ok && slices.Contains(names, rest) {
			return true
		}
	}
	return false
}

// Every key the panel builds at run time has its message: every task status, kind, phase,
// warning code and mail security.
func TestRunTimeKeysExist(t *testing.T) {
	for prefix, names := range runTimeFamilies {
		for _, n := range names {
			if _, ok := messages[prefix+n]; !ok {
				t.Errorf("no message %q", prefix+n)
			}
		}
	}
}

var keyLiteral = regexp.MustCompile(`"([a-z][a-zA-Z]*(?:\.[a-zA-Z_]+)+)"`)

// Every message key written in the panel's code exists, and every message is used (keys built
// at run time: "err." + code, "lang." + language).
func TestMessageKeysInCode(t *testing.T) {
	entries, err := os.ReadDir(".")
	if err != nil {
		t.Fatal(err)
	}
	var code strings.Builder
	for _, e := range entries {
		name := e.Name()
		if !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") || strings.HasPrefix(name, "messages") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		code.Write(src)
		for _, m := range keyLiteral.FindAllStringSubmatch(string(src), -1) {
			if m[1] == langKey {
				continue
			}
			if _, ok := messages[m[1]]; !ok {
				t.Errorf("%s: key %q has no message", name, m[1])
			}
		}
	}
	for key := range messages {
		if !strings.Contains(code.String(), `"`+key+`"`) && !builtAtRunTime(key) {
			t.Errorf("message %q is never used", key)
		}
	}
}
