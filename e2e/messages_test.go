package e2e

import (
	"context"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// In French, failures say what happened and what to do, the technical detail folded under:
// an unknown page and an unknown client get the panel's own page; a verification of a backup
// that does not exist says so; the test mail to a closed port says to check the host and the
// port. The Back Up form of a client with two subscriptions lets it choose, offers volumes in
// the server storage and says, before anything is asked, that mail is not set up.
func TestMessagesSayWhatToDoInFrench(t *testing.T) {
	s := startOwnServer(t)
	ctx := newTab(t, "fr-FR", 90*time.Second)
	do(t, ctx, "se connecter", chromedp.Navigate(s.url+"/"), ready(`#login`),
		chromedp.SendKeys(chromedp.CSS("#login"), "admin"), chromedp.SendKeys(chromedp.CSS("#password"), s.password),
		chromedp.Click(chromedp.CSS(`button[type="submit"]`)), ready(`a.client-link`))

	do(t, ctx, "une adresse inconnue", chromedp.Navigate(s.url+"/nulle-part"), ready(`#not-found`))
	must(t, text(t, ctx, "h1") == "Page introuvable", "une adresse inconnue : titre %q", text(t, ctx, "h1"))
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

// verifyMissing verifies a backup that does not exist: the task says so in French, with what to do.
func verifyMissing(t *testing.T, ctx context.Context, s *coffre) {
	t.Helper()
	a := fetchAPI(t, ctx, "POST", "/api/clients/acme/backups/server/nosuchbackup/verify", `{}`)
	if a.Status != 202 {
		must(t, a.Status == 404 || a.Status == 400, "vérifier une sauvegarde inconnue : %d %v", a.Status, a.Body)
		return // refused up front: nothing reaches a task
	}
	id, _ := a.Body["id"].(string)
	do(t, ctx, "la tâche de vérification", chromedp.Navigate(s.url+"/customer/acme/tasks/"+id), ready(`#task-result`))
	result := text(t, ctx, "#task-result")
	must(t, strings.Contains(result, "La sauvegarde n'a pas pu être vérifiée") &&
		strings.Contains(result, "Ce stockage ne contient aucune sauvegarde de ce nom") && !strings.Contains(result, "Terminée Terminée"),
		"la vérification d'une sauvegarde inconnue : %q", result)
	must(t, !eval[bool](t, ctx, `document.querySelector('#task-error details').open`), "le détail technique n'est pas replié")
	do(t, ctx, "le détail", chromedp.Click(chromedp.CSS(`#task-error summary`)))
	must(t, strings.Contains(text(t, ctx, "#task-error pre"), "no such backup"), "détail : %q", text(t, ctx, "#task-error pre"))
	do(t, ctx, "le journal", chromedp.Click(chromedp.CSS(`details.log summary`)))
	log := text(t, ctx, ".log-lines")
	must(t, strings.Contains(log, "Échec") && !strings.Contains(log, "Failed"), "journal : %q", log)
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
