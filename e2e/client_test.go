package e2e

import (
	"context"
	"os/exec"
	"strings"
	"testing"

	"time"

	"github.com/chromedp/chromedp"
)

// apiAnswer is what a request sent from the page's own JavaScript got back.
type apiAnswer struct {
	Status int            `json:"status"`
	Body   map[string]any `json:"body"`
}

// fetchAPI sends a request from the page, with its session, as a script in the page could.
func fetchAPI(t *testing.T, ctx context.Context, method, path, body string) apiAnswer {
	t.Helper()
	opts := `{method: '` + method + `', credentials: 'same-origin'}`
	if body != "" {
		opts = `{method: '` + method + `', credentials: 'same-origin', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(` + body + `)}`
	}
	return eval[apiAnswer](t, ctx, `fetch('`+path+`', `+opts+`).then(async r => {
		const text = await r.text();
		let body = {};
		try { body = JSON.parse(text); } catch (e) {}
		if (Array.isArray(body)) body = {items: body};
		return {status: r.status, body: body};
	})`)
}

// fieldCodes lists the refused fields of a problem as "field:code".
func fieldCodes(a apiAnswer) string {
	var out []string
	fields, _ := a.Body["fields"].([]any)
	for _, f := range fields {
		m, _ := f.(map[string]any)
		out = append(out, m["field"].(string)+":"+m["code"].(string))
	}
	return strings.Join(out, " ")
}

// The restricted client (bistro: websites only, server storage), in French: the form offers
// what its rights allow, greys the rest with the reason, marks a wrong pattern in French; the
// server refuses what the form would not send when it is forced through the API.
func TestRestrictedClientInFrench(t *testing.T) {
	s := startServer(t)
	ctx := newTab(t, "fr-FR", 60*time.Second)
	do(t, ctx, "se connecter", chromedp.Navigate(s.url+"/"), ready(`#login`),
		chromedp.SendKeys(chromedp.CSS("#login"), "admin"), chromedp.SendKeys(chromedp.CSS("#password"), s.password),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)), ready(`a.client-link`))
	const pw = "bistro-du-port-2026"
	do(t, ctx, "le mot de passe de bistro", chromedp.Click(chromedp.CSS(`a.client-link[href="/clients/bistro"]`)),
		ready(`#client-password-new`), chromedp.SendKeys(chromedp.CSS(`#client-password-new`), pw),
		chromedp.Click(chromedp.CSS(`#client-password-set`)), chromedp.WaitVisible(chromedp.CSS(`#client-password .saved`)))
	must(t, text(t, ctx, "#client-password .saved") == "Le mot de passe est défini.", "après Définir : %q", text(t, ctx, "#client-password .saved"))
	walk(t, ctx, bistroFR, french, true, "fr-bistro-backup", 0)
	do(t, ctx, "Sauvegarder les sites Web", chromedp.Click(chromedp.CSS(`main [data-choice="websites"] a.choice-action`)),
		ready(`#backup-form #chain-note`))
	checkBistroForm(t, ctx)
	checkWrongPatternsBlock(t, ctx, "fr-bistro-backup-form", []string{
		`Motif 1 : ../x — « .. » ne peut pas être un élément du chemin.`,
		`Motif 2 : a\tb — Les séquences d'échappement comme \t ne sont pas autorisées.`,
	}, "Corrigez les champs signalés pour sauvegarder.")
	forcedByTheAdministrator(t, ctx)
	do(t, ctx, "the account's form by its address", chromedp.Navigate(s.url+"/customer/bistro/backup?scope=account"),
		ready(`main .choice-off .reason`))
	must(t, !eval[bool](t, ctx, `!!document.getElementById('backup-form')`), "the form is offered for bistro's account")
	forcedByTheClient(t, s.url, pw)
}

// checkBistroForm: the words of Plesk's Backup Manager (docs/panel-flow.md) in French; what bistro's rights forbid is greyed with why.
func checkBistroForm(t *testing.T, ctx context.Context) {
	t.Helper()
	opts := readForm(t, ctx)
	must(t, opts["storage-ftp"].Disabled && opts["storage-ftp"].Reason == "Indisponible Votre fournisseur ne permet pas d'utiliser le stockage FTP personnel.",
		"le stockage FTP : %+v", opts["storage-ftp"])
	must(t, !opts["split"].Disabled, "les volumes : %+v", opts["split"])
	must(t, opts["storage-server"].Checked && !opts["exclude-some"].Disabled, "le formulaire : %+v", opts)
	form := text(t, ctx, "#backup-form")
	for _, w := range []string{"Les données à sauvegarder", "Configuration et contenu de la messagerie", "Fichiers et bases de données utilisateur",
		"Stockage du serveur", "Complète", "Incrémentale", "Aucune sauvegarde n'a encore été créée : la première sauvegarde est une sauvegarde complète.",
		"Exclure les fichiers de log", "Exclure des fichiers spécifiques de la sauvegarde",
		"Une fois la tâche de sauvegarde terminée, envoyer une notification par mail à"} {
		must(t, strings.Contains(form, w), "le formulaire ne dit pas %q", w)
	}
}

// forcedByTheAdministrator: what the form would not send for bistro, sent with the
// administrator's session, is refused with the reason, and no backup appears.
func forcedByTheAdministrator(t *testing.T, ctx context.Context) {
	t.Helper()
	forced := fetchAPI(t, ctx, "POST", "/api/clients/bistro/backups", `{scope: 'account', mail: true, files: true, storage: 'server'}`)
	must(t, forced.Status == 403 && forced.Body["code"] == "forbidden" && strings.Contains(fieldCodes(forced), "scope:right_account_backup"),
		"a backup of bistro's account, forced: %d %v", forced.Status, forced.Body)
	forced = fetchAPI(t, ctx, "POST", "/api/clients/bistro/backups", `{scope: 'websites', mail: true, files: true, storage: 'ftp'}`)
	must(t, forced.Status == 403 && strings.Contains(fieldCodes(forced), "storage:right_ftp_storage"),
		"a backup of bistro to the FTP storage, forced: %d %v", forced.Status, forced.Body)
	forced = fetchAPI(t, ctx, "POST", "/api/clients/bistro/backups", `{scope: 'websites', files: true, storage: 'server', exclude: '../x'}`)
	must(t, forced.Status == 400 && strings.Contains(fieldCodes(forced), "exclude:invalid_patterns"),
		"a wrong pattern, forced: %d %v", forced.Status, forced.Body)
	list := fetchAPI(t, ctx, "GET", "/api/clients/bistro/backups", "")
	items, _ := list.Body["items"].([]any)
	must(t, list.Status == 200 && len(items) == 0, "after the refusals bistro has backups: %d %v", list.Status, list.Body)
}

// forcedByTheClient: bistro, logged in with the password the administrator set in the panel,
// forces from its own page what its rights forbid; the server refuses.
func forcedByTheClient(t *testing.T, url, pw string) {
	t.Helper()
	ctx := newTab(t, "fr-FR", 30*time.Second)
	do(t, ctx, "bistro se connecte", chromedp.Navigate(url+"/"), ready(`#login`),
		chromedp.SendKeys(chromedp.CSS("#login"), "bistro"), chromedp.SendKeys(chromedp.CSS("#password"), pw),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)), ready(`#backup-manager-link`))
	for _, tt := range []struct{ body, field string }{
		{`{scope: 'account', mail: true, files: true, storage: 'server'}`, "scope:right_account_backup"},
		{`{scope: 'websites', files: true, storage: 'ftp'}`, "storage:right_ftp_storage"},
	} {
		got := fetchAPI(t, ctx, "POST", "/api/clients/bistro/backups", tt.body)
		must(t, got.Status == 403 && strings.Contains(fieldCodes(got), tt.field), "bistro forcing %s: %d %v", tt.body, got.Status, got.Body)
	}
	must(t, fetchAPI(t, ctx, "GET", "/api/clients/acme", "").Status == 404, "bistro reads acme")
}

// A client logs in with its own login and the password the host set (`coffre client password`)
// and sees only its own Customer Panel: no banner, no administration, and the administrator's
// pages and another client's panel lead back to its own.
func TestClientLogsIn(t *testing.T) {
	s := startServer(t)
	const pw = "correct horse battery staple"
	cmd := exec.Command(binary, "client", "password", "acme", "--data", s.dataDir())
	cmd.Stdin = strings.NewReader(pw + "\n")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("coffre client password acme: %v\n%s", err, out)
	}
	ctx := newTab(t, "en-US", 60*time.Second)
	do(t, ctx, "log in as acme", chromedp.Navigate(s.url+"/"), ready(`#login`),
		chromedp.SendKeys(chromedp.CSS("#login"), "acme"), chromedp.SendKeys(chromedp.CSS("#password"), pw),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)), ready(`#backup-manager-link`))
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	must(t, strings.HasSuffix(loc, "/customer/acme"), "acme lands on %s, want its own panel", loc)
	onlyOwnPanel(t, ctx)
	shot(t, ctx, "client-acme-panel")

	for _, path := range []string{"/clients", "/tasks", "/settings", "/clients/bistro", "/customer/bistro/account"} {
		do(t, ctx, "open "+path, chromedp.Navigate(s.url+path), ready(`#backup-manager-link`))
		loc, _ := chromedp.Run(ctx, chromedp.Location())
		must(t, strings.HasSuffix(loc, "/customer/acme"), "acme at %s lands on %s, want its own panel", path, loc)
	}
	for _, tt := range []struct {
		method, path, body string
		status             int
	}{
		{"GET", "/api/clients/bistro", "", 404},
		{"GET", "/api/clients/bistro/backups", "", 404},
		{"POST", "/api/clients/bistro/backups", `{scope: 'websites', files: true, storage: 'server'}`, 404},
		{"GET", "/api/tasks", "", 403},
		{"GET", "/api/settings/smtp", "", 403},
	} {
		got := fetchAPI(t, ctx, tt.method, tt.path, tt.body)
		must(t, got.Status == tt.status, "acme: %s %s answered %d, want %d", tt.method, tt.path, got.Status, tt.status)
	}
	do(t, ctx, "Account", chromedp.Click(chromedp.CSS(`nav.sidenav a[href="/customer/acme/account"]`)),
		ready(`main [data-choice="account"] a.choice-action`))
	onlyOwnPanel(t, ctx)
}

// onlyOwnPanel: no banner and no way to the administrator's pages.
func onlyOwnPanel(t *testing.T, ctx context.Context) {
	t.Helper()
	links := eval[[]string](t, ctx, `[...document.querySelectorAll('nav.sidenav a')].map(a => a.getAttribute('href'))`)
	must(t, strings.Join(links, " ") == "/customer/acme /customer/acme/account /customer/acme/backups",
		"a client's navigation links to %v", links)
	must(t, !eval[bool](t, ctx, `!!document.querySelector('.banner, a[href="/clients"], a[href="/tasks"], a[href="/settings"]')`),
		"a client's own panel shows the banner or the administration")
}
