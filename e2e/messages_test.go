package e2e

import (
	"context"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// In French, failures say what happened and what to do, the technical detail folded under:
// an unknown page and an unknown client get the panel's own page; a verification of a backup
// that does not exist is refused before any task; the test mail to a closed port says to check the host and the
// port. The Back Up form of a client with two subscriptions lets it choose, offers volumes in
// the server storage and says, before anything is asked, that mail is not set up.
func TestMessagesSayWhatToDoInFrench(t *testing.T) {
	s := startOwnServer(t)
	ctx := newTab(t, "fr-FR", 90*time.Second)
	do(t, ctx, "se connecter", chromedp.Navigate(s.url+"/"), ready(`#login`),
		chromedp.SendKeys(chromedp.CSS("#login"), "admin"), chromedp.SendKeys(chromedp.CSS("#password"), s.password),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)), ready(`a.client-link`))

	do(t, ctx, "une adresse inconnue", chromedp.Navigate(s.url+"/nulle-part"), ready(`#not-found`))
	// The page is served in English before the app starts, then said in French.
	waitTrue(t, ctx, "le titre en français", `document.querySelector('h1').textContent.trim() === 'Page introuvable'`)
	status := eval[int](t, ctx, `fetch('/nulle-part').then(r => r.status)`)
	must(t, status == 404, "une adresse inconnue répond %d, pas 404", status)
	shot(t, ctx, "messages-fr-1-not-found")

	do(t, ctx, "un client inconnu", chromedp.Navigate(s.url+"/customer/nosuch"), ready(`#no-such-client`))
	must(t, text(t, ctx, "h1") == "Client introuvable" && !eval[bool](t, ctx, `!!document.querySelector('.banner')`),
		"un client inconnu : %q, bannière %v", text(t, ctx, "h1"), eval[bool](t, ctx, `!!document.querySelector('.banner')`))
	must(t, strings.Contains(text(t, ctx, "#no-such-client"), "Il n'existe aucun client avec l'identifiant nosuch"),
		"un client inconnu : %q", text(t, ctx, "#no-such-client"))

	do(t, ctx, "le compte d'Atelier Lumière", chromedp.Navigate(s.url+"/customer/atelier/account"), ready(`.banner`))
	banner := text(t, ctx, ".banner")
	must(t, strings.Contains(banner, "Panneau Client d'Atelier Lumière"), "élision : %q", banner)
	backupForm(t, ctx, s)
	verifyMissing(t, ctx, s)
	testMail(t, ctx, s)
}

// backupForm: two subscriptions to choose from, volumes in the server storage, and no
// notification without mail settings, with the way to Settings.
func backupForm(t *testing.T, ctx context.Context, s *coffre) {
	t.Helper()
	do(t, ctx, "Sauvegarder le compte", chromedp.Navigate(s.url+"/customer/atelier/backup?scope=account"), ready(`#backup-form #sub-1`))
	subs := text(t, ctx, "#subscriptions")
	must(t, strings.Contains(subs, "atelier-lumiere.example") && strings.Contains(subs, "lumiere-studio.example"), "abonnements : %q", subs)
	must(t, !eval[bool](t, ctx, `document.getElementById('split').disabled`), "les volumes sont refusés avec le stockage du serveur")
	waitTrue(t, ctx, "la notification indisponible", `document.getElementById('notify-on').disabled`)
	reason := text(t, ctx, "#notify-on-reason")
	must(t, strings.Contains(reason, "La messagerie n'est pas encore configurée"), "notification : %q", reason)
	must(t, eval[bool](t, ctx, `!!document.querySelector('#notify-setup a[href="/settings"]')`), "pas de lien vers les Paramètres")
	do(t, ctx, "décocher un abonnement", chromedp.Click(chromedp.CSS(`#sub-0`)))
	waitTrue(t, ctx, "un seul abonnement", `!document.getElementById('sub-0').checked`)
	shot(t, ctx, "messages-fr-2-backup-form")
}

// verifyMissing asks to verify a backup that does not exist: the API refuses it before any
// task, with a code the panel says in French (what to do included).
func verifyMissing(t *testing.T, ctx context.Context, s *coffre) {
	t.Helper()
	before := fetchAPI(t, ctx, "GET", "/api/clients/acme/tasks", "")
	a := fetchAPI(t, ctx, "POST", "/api/clients/acme/backups/server/nosuchbackup/verify", `{}`)
	args, _ := a.Body["args"].([]any)
	must(t, a.Status == 404 && a.Body["code"] == "no_such_backup" && len(args) == 1 && args[0] == "nosuchbackup",
		"vérifier une sauvegarde inconnue : %d %v", a.Status, a.Body)
	after := fetchAPI(t, ctx, "GET", "/api/clients/acme/tasks", "")
	n := func(a apiAnswer) int { items, _ := a.Body["items"].([]any); return len(items) }
	must(t, before.Status == 200 && after.Status == 200 && n(after) == n(before),
		"une tâche a été créée pour une sauvegarde inconnue : %d puis %d tâches", n(before), n(after))

	// In the panel: a backup listed in the Backup Manager vanishes from its storage (deleted
	// meanwhile) before the user clicks Verify.
	name := backUpByAPI(t, ctx, "acme")
	do(t, ctx, "le Gestionnaire de sauvegardes", chromedp.Navigate(s.url+"/customer/acme/backups"), ready(`#verify-`+name))
	if err := os.Remove(filepath.Join(s.dataDir(), "storage", "acme", name+".manifest.json")); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, "Vérifier", chromedp.Click(chromedp.CSS(`#verify-`+name)), chromedp.WaitVisible(chromedp.CSS(`#manage-error`)))
	why := text(t, ctx, "#manage-error")
	must(t, strings.Contains(why, "Ce stockage ne contient aucune sauvegarde nommée "+name) &&
		strings.Contains(why, "le Gestionnaire de sauvegardes liste celles qu'il contient"), "vérifier une sauvegarde disparue : %q", why)
	must(t, strings.Contains(eval[string](t, ctx, `location.pathname`), "/backups"), "le panneau a quitté le Gestionnaire de sauvegardes")
	shot(t, ctx, "messages-fr-3-verify-missing")
}

// testMail saves mail settings that point at a closed port, then sends the test mail.
func testMail(t *testing.T, ctx context.Context, s *coffre) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	port := strings.TrimPrefix(addr, "127.0.0.1:")
	do(t, ctx, "les Paramètres", chromedp.Navigate(s.url+"/settings"), ready(`#smtp-form`))
	must(t, eval[bool](t, ctx, `document.getElementById('smtp-test').disabled`), "le mail de test est offert avant tout enregistrement")
	must(t, eval[string](t, ctx, `document.getElementById('smtp-test-to').type`) == "email", "l'adresse du test n'est pas de type email")
	retype(t, ctx, "#smtp-host", "127.0.0.1")
	retype(t, ctx, "#smtp-port", port)
	retype(t, ctx, "#smtp-from", "coffre@host.example")
	do(t, ctx, "sans chiffrement", chromedp.Click(chromedp.CSS(`#smtp-tls-none`)))
	do(t, ctx, "enregistrer", chromedp.Click(chromedp.CSS(`#smtp-save`)), chromedp.WaitVisible(chromedp.CSS(`#smtp-saved`)))
	waitTrue(t, ctx, "le mail de test offert", `!document.getElementById('smtp-test').disabled`)
	do(t, ctx, "envoyer le mail de test", chromedp.SendKeys(chromedp.CSS(`#smtp-test-to`), "admin@host.example"),
		chromedp.Click(chromedp.CSS(`#smtp-test`)), chromedp.WaitVisible(chromedp.CSS(`#smtp-test-failed`)))
	why := text(t, ctx, "#smtp-test-failed .failure-text")
	must(t, strings.Contains(why, "Le mail n'a pas pu être envoyé. Rien ne répond à l'adresse 127.0.0.1:"+port) &&
		strings.Contains(why, "vérifiez le nom d'hôte et le port") && !strings.Contains(why, "a répondu"), "mail de test : %q", why)
	n := eval[int](t, ctx, `document.querySelectorAll('[role="alert"]').length`)
	must(t, n == 1, "%d alertes pour une seule erreur", n)
	shot(t, ctx, "messages-fr-4-test-mail")
}
