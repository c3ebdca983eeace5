package app

import (
	"strings"
	"testing"
	"time"

	"coffre/engine/account"
	"coffre/engine/spec"
)

// backupPageWith is the Back Up form of a, as the browser shows it once the account and its
// backups are loaded, after edit.
func backupPageWith(lang string, a account.Account, scope spec.Scope, backups []backupEntry, edit func(*backupForm)) *backupPage {
	p := &backupPage{scope: scope, form: newBackupForm()}
	p.lang, p.me = lang, adminSession
	p.login, p.acct = a.Client.Login, remote[account.Account]{Status: loaded, Data: a}
	p.backups = remote[[]backupEntry]{Status: loaded, Data: backups}
	if edit != nil {
		edit(&p.form)
	}
	return p
}

// between is the HTML of the element with id (its start tag) up to the next id'd option.
func optionHTML(t *testing.T, html, id string) string {
	t.Helper()
	return section(t, html, `id="`+id+`"`, `class="option`)
}

// The restricted client (websites only, server storage) sees every option of step 6 of docs/panel-flow.md;
// what its rights forbid is greyed with the reason, never hidden, and Back Up is available.
func TestBackupFormRestrictedClient(t *testing.T) {
	html := render(t, backupPageWith(langEN, bistroAccount, spec.ScopeWebsites, nil, nil))
	noFalseAttributes(t, html)
	order := []string{"Data to back up", "Configuration only", "Configuration and content", "Mail configuration and content",
		"User files and databases", "Server storage", "Personal FTP storage", ">Full<", ">Incremental<",
		"Create a multivolume backup", "Comments", "Exclude log files", "Exclude specific files from the backup",
		"When the backup task is finished, send a notification by email to", ">Back Up<"}
	at := -1
	for _, w := range order {
		i := strings.Index(html, w)
		if i < 0 || i < at {
			t.Fatalf("%q is missing or out of step 6's order", w)
		}
		at = i
	}
	mustHaveElement(t, "FTP storage", html, "input", "id", "storage-ftp", "disabled", "*", "aria-describedby", "storage-ftp-help storage-ftp-reason")
	mustContain(t, "FTP storage", section(t, html, `id="storage-ftp-reason"`, `</p>`), "Unavailable", "Your provider does not allow using the personal FTP storage.")
	mustHaveElement(t, "server storage", html, "input", "id", "storage-server", "checked", "*")
	for _, id := range []string{"split", "exclude-logs", "exclude-some", "type-incremental", "data-config", "data-mail", "data-files", "notify-on"} {
		if hasElement(html, "input", "id", id, "disabled", "*") {
			t.Errorf("%s is disabled for a client that may back up its websites", id)
		}
	}
	if hasElement(html, "button", "id", "backup-submit", "disabled", "*") {
		t.Errorf("Back Up is disabled on a form without a problem")
	}
	mustContain(t, "type", section(t, html, `id="chain-note"`, `</p>`), "No backup has been created yet: the first backup is a full backup.")
}

// Without User files and databases, both exclusions are greyed with the reason Plesk's Backup Manager gives.
func TestBackupFormExclusionsNeedUserFiles(t *testing.T) {
	html := render(t, backupPageWith(langEN, fullAccount, spec.ScopeAccount, nil, func(f *backupForm) { f.Files = false }))
	for _, id := range []string{"exclude-logs", "exclude-some"} {
		mustHaveElement(t, id, html, "input", "id", id, "disabled", "*", "aria-describedby", id+"-help "+id+"-reason")
		mustContain(t, id, section(t, html, `id="`+id+`-reason"`, `</p>`), "Exclusions are only available with User files and databases.")
	}
	mustHaveElement(t, "patterns", html, "textarea", "id", "exclude", "disabled", "*")
	mustHaveElement(t, "FTP storage", html, "input", "id", "storage-ftp", "disabled", "*")
	mustContain(t, "FTP storage", section(t, html, `id="storage-ftp-reason"`, `</p>`), "The personal FTP storage is not set up yet.")
}

// Each wrong pattern is marked with its reason as it is typed, and Back Up stays disabled.
func TestBackupFormWrongPatterns(t *testing.T) {
	for _, lang := range []string{langEN, langFR} {
		html := render(t, backupPageWith(lang, fullAccount, spec.ScopeAccount, nil, func(f *backupForm) {
			f.ExcludeSome, f.Exclude = true, "**/cache\n../x, a\\tb"
		}))
		noFalseAttributes(t, html)
		mustHaveElement(t, lang, html, "textarea", "id", "exclude", "aria-invalid", "") // go-app writes true bare
		list := section(t, html, `id="exclude-check"`, `</div>`)
		wants := map[string][]string{
			langEN: {"Pattern 2:", "../x", "“..” cannot be a component of the path.", "Pattern 3:", `a\tb`, `Escape sequences such as \t are not allowed.`},
			langFR: {"Motif 2 :", "« .. » ne peut pas être un élément du chemin.", `Les séquences d&#39;échappement comme \t ne sont pas autorisées.`},
		}[lang]
		mustContain(t, lang+" patterns", list, wants...)
		if strings.Contains(list, "**/cache") {
			t.Errorf("%s: the valid pattern is marked:\n%s", lang, list)
		}
		mustHaveElement(t, lang, html, "button", "id", "backup-submit", "disabled", "*", "aria-describedby", "backup-blocked")
		mustHaveElement(t, lang, html, "button", "id", "preview", "disabled", "*")
	}
}

// Valid exclusions: every pattern counted, Preview and Back Up available; a preview of the same
// exclusions shows what they leave out.
func TestBackupFormPreview(t *testing.T) {
	p := backupPageWith(langEN, fullAccount, spec.ScopeAccount, nil, func(f *backupForm) {
		f.ExcludeLogs, f.ExcludeSome, f.Exclude = true, true, "**/cache, /httpdocs/tmp"
	})
	p.preview = remote[previewAnswer]{Status: loaded, Data: previewAnswer{For: p.form.request(fullAccount, spec.ScopeAccount),
		Result: preview{Files: 1234, Dirs: 3, Bytes: 5 << 20, Paths: []string{"acme.example/httpdocs/cache/", "acme.example/httpdocs/cache/a.css"},
			Truncated: true, Unmatched: []string{"/httpdocs/tmp"}}}}
	html := render(t, p)
	mustContain(t, "check", html, "Patterns checked: 2, all valid.")
	mustContain(t, "preview", section(t, html, `id="preview-result"`, `</div></div></div>`),
		"The exclusions leave out 1,234 files and 3 folders (5.0 MB):", "acme.example/httpdocs/cache/a.css", "… and more.",
		"These patterns leave nothing out: check how they are written.", "/httpdocs/tmp")
	for _, id := range []string{"preview", "backup-submit"} {
		if hasElement(html, "button", "id", id, "disabled", "*") {
			t.Errorf("%s is disabled", id)
		}
	}
	p.form.Exclude += ", other" // the answer no longer fits the form
	if html := render(t, p); strings.Contains(html, "1,234") {
		t.Error("a preview of other exclusions is still shown")
	}
}

// The server's refusal of the last Back Up shows beside the fields while the form is unchanged,
// once: no banner repeats it.
func TestBackupFormServerRefusal(t *testing.T) {
	p := backupPageWith(langFR, fullAccount, spec.ScopeAccount, nil, nil)
	p.sent = p.form
	p.start = remote[task]{Status: failed, Err: &failure{HTTPStatus: 400, Problem: account.Problem{Code: "invalid_request",
		Fields: []account.FieldProblem{{Field: "notify", Code: "invalid_email"}}}}}
	html := render(t, p)
	mustContain(t, "notify", section(t, html, `id="notify-error"`, `</ul>`), "Saisissez une adresse mail comme nom@example.com.")
	if strings.Contains(html, "Certains champs ne conviennent pas") {
		t.Error("a banner repeats the field's refusal")
	}
	mustHaveElement(t, "submit", html, "button", "id", "backup-submit", "disabled", "*")
}

// An incremental backup says which backup it follows.
func TestBackupFormChainNote(t *testing.T) {
	earlier := backupEntry{Name: "acme_1", Client: "acme", Created: time.Date(2026, 11, 24, 22, 5, 0, 0, time.UTC),
		Spec: spec.Backup{Scope: spec.ScopeAccount, Files: true}, Storage: "server", Status: "ok"}
	html := render(t, backupPageWith(langEN, fullAccount, spec.ScopeAccount, []backupEntry{earlier}, nil))
	mustContain(t, "note", section(t, html, `id="chain-note"`, `</p>`), "changes since the backup of Nov 24, 2026 22:05")
}

// A scope the rights forbid shows the reason, not the form.
func TestBackupFormForbiddenScope(t *testing.T) {
	html := render(t, backupPageWith(langEN, bistroAccount, spec.ScopeAccount, nil, nil))
	if strings.Contains(html, `id="backup-form"`) {
		t.Error("the form is offered for a scope the client may not back up")
	}
	mustContain(t, "reason", html, "Your provider does not allow backing up the account: only websites can be backed up.")
}

// The form in French, with the words of Plesk's Backup Manager (docs/panel-flow.md).
func TestBackupFormInFrench(t *testing.T) {
	html := render(t, backupPageWith(langFR, bistroAccount, spec.ScopeWebsites, nil, nil))
	mustContain(t, "form", html, "Les données à sauvegarder", "Fichiers et bases de données utilisateur", "Stockage du serveur",
		"Stockage FTP personnel", ">Complète<", ">Incrémentale<", "Exclure les fichiers de log",
		"Exclure des fichiers spécifiques de la sauvegarde",
		"Une fois la tâche de sauvegarde terminée, envoyer une notification par mail à", ">Sauvegarder<",
		"Votre fournisseur ne permet pas d&#39;utiliser le stockage FTP personnel.")
}

// noFalseAttributes: go-app pre-renders false as ="false", which browsers read as true.
func noFalseAttributes(t *testing.T, html string) {
	t.Helper()
	for _, a := range []string{`disabled="false"`, `checked="false"`, `required="false"`} {
		if strings.Contains(html, a) {
			t.Errorf("the page has %s", a)
		}
	}
}
