package app

import "fmt"

// The words of tasks, progress, results, Settings and the client's password.
func init() {
	addMessages(map[string]words{
		"nav.tasks":          {"Tasks", "Tâches"},
		"nav.settings":       {"Settings", "Paramètres"},
		"tasks.title":        {"Tasks", "Tâches"},
		"tasks.help":         {"Every backup, restore and verification of every client, newest first.", "Toutes les sauvegardes, restaurations et vérifications de tous les clients, les plus récentes d'abord."},
		"tasks.empty":        {"No tasks yet.", "Aucune tâche pour l'instant."},
		"tasks.recent":       {"Recent tasks", "Tâches récentes"},
		"col.task":           {"Task", "Tâche"},
		"col.client":         {"Client", "Client"},
		"col.progress":       {"Progress or result", "Avancement ou résultat"},
		"kind.backup":        {"Backup", "Sauvegarde"},
		"kind.restore":       {"Restore", "Restauration"},
		"kind.verify":        {"Verification", "Vérification"},
		"task.tab":           {"Task", "Tâche"},
		"task.number":        {"Task {0}", "Tâche {0}"},
		"task.title.backup":  {"Backup task {0}", "Tâche de sauvegarde {0}"},
		"task.title.restore": {"Restore task {0}", "Tâche de restauration {0}"},
		"task.title.verify":  {"Verification task {0}", "Tâche de vérification {0}"},
		"task.request":       {"Request", "Demande"},
		"task.queued.help":   {"Waiting for another task of this client to end, or for a free place.", "En attente de la fin d'une autre tâche de ce client, ou d'une place libre."},
		"task.cancel":        {"Cancel", "Annuler"},
		"task.cancelling":    {"Cancelling…", "Annulation…"},
		"task.lost":          {"The server cannot be reached; trying again…", "Le serveur est injoignable ; nouvelle tentative…"},
		"task.log":           {"Task log", "Journal de la tâche"},

		"status.queued":      {"Queued", "En attente"},
		"status.running":     {"Running", "En cours"},
		"status.done":        {"Done", "Terminée"},
		"status.failed":      {"Failed", "Échec"},
		"status.cancelled":   {"Cancelled", "Annulée"},
		"status.interrupted": {"Interrupted", "Interrompue"},
		"phase.scan":         {"Scanning the files", "Analyse des fichiers"},
		"phase.archive":      {"Writing the archive", "Écriture de l'archive"},
		"phase.index":        {"Writing the index", "Écriture de l'index"},
		"phase.manifest":     {"Finishing", "Finalisation"},
		"phase.done":         {"Finished", "Terminé"},

		"progress.label":      {"Backup progress", "Avancement de la sauvegarde"},
		"progress.filesLabel": {"Files", "Fichiers"},
		"progress.files":      {"{0} of {1}", "{0} sur {1}"},
		"progress.filesSoFar": {"{0} so far", "{0} pour l'instant"},
		"progress.bytesLabel": {"Data", "Données"},
		"progress.bytes":      {"{0} of {1}", "{0} sur {1}"},
		"progress.rate":       {"Rate", "Débit"},
		"progress.eta":        {"Time left", "Temps restant"},
		"progress.etaValue":   {"about {0}", "environ {0}"},
		"progress.current":    {"Current item", "Élément en cours"},

		"result.done.title":        {"The backup is complete", "La sauvegarde est terminée"},
		"result.done.next":         {"What next: the backup is in the Backup Manager, where you can restore from it.", "Et ensuite : la sauvegarde figure dans le Gestionnaire de sauvegardes, d'où vous pouvez la restaurer."},
		"result.failed.title":      {"The backup failed", "La sauvegarde a échoué"},
		"result.failed.next":       {"Nothing was kept. Correct the cause given above, then back up again; if it persists, give this message to your provider.", "Rien n'a été conservé. Corrigez la cause indiquée ci-dessus, puis relancez la sauvegarde ; si le problème persiste, transmettez ce message à votre fournisseur."},
		"result.cancelled.title":   {"The backup was cancelled", "La sauvegarde a été annulée"},
		"result.cancelled.next":    {"Nothing was kept. Back up again when you are ready.", "Rien n'a été conservé. Relancez la sauvegarde quand vous le souhaitez."},
		"result.interrupted.title": {"The backup was interrupted", "La sauvegarde a été interrompue"},
		"result.interrupted.next":  {"The server stopped while the backup ran; what it had written was removed. Back up again.", "Le serveur s'est arrêté pendant la sauvegarde ; ce qu'elle avait écrit a été supprimé. Relancez la sauvegarde."},
		"result.again":             {"Back up again", "Sauvegarder à nouveau"},
		"result.warnings":          {"Files not backed up as they were: {0}", "Fichiers non sauvegardés tels quels : {0}"},
		"mail.sent":                {"A notification was sent to {0}.", "Une notification a été envoyée à {0}."},
		"mail.pending":             {"Sending the notification to {0}…", "Envoi de la notification à {0}…"},
		"mail.failed":              {"The notification to {0} could not be sent: {1}", "La notification à {0} n'a pas pu être envoyée : {1}"},

		"warn.changed_type":       {"changed type while it was read: not backed up", "a changé de type pendant la lecture : non sauvegardé"},
		"warn.special_file":       {"special file (FIFO, socket, device): not backed up", "fichier spécial (FIFO, socket, périphérique) : non sauvegardé"},
		"warn.vanished":           {"deleted while the backup ran", "supprimé pendant la sauvegarde"},
		"warn.changed_while_read": {"changed while it was read", "modifié pendant la lecture"},
		"warn.foreign_hardlink":   {"hard link to another user's file: not backed up", "lien physique vers le fichier d'un autre utilisateur : non sauvegardé"},
		"warn.mount_point":        {"another file system: not descended", "autre système de fichiers : non parcouru"},
		"warn.unreadable":         {"could not be read", "illisible"},

		"settings.mail":          {"Mail (SMTP)", "Messagerie (SMTP)"},
		"settings.mail.help":     {"Coffre sends the task notifications through this SMTP server.", "Coffre envoie les notifications des tâches par ce serveur SMTP."},
		"smtp.notSet":            {"Mail is not set up yet: no notification can be sent.", "La messagerie n'est pas encore configurée : aucune notification ne peut être envoyée."},
		"smtp.host":              {"SMTP server", "Serveur SMTP"},
		"smtp.port":              {"Port", "Port"},
		"smtp.tls":               {"Security", "Sécurité"},
		"smtp.tls.none":          {"None", "Aucune"},
		"smtp.tls.none.help":     {"A plain connection: a password is then only sent to this host itself.", "Connexion en clair : un mot de passe n'est alors envoyé qu'à cet hôte lui-même."},
		"smtp.tls.starttls":      {"STARTTLS", "STARTTLS"},
		"smtp.tls.starttls.help": {"The connection turns to TLS before anything is sent (port 587 or 25).", "La connexion passe en TLS avant tout envoi (port 587 ou 25)."},
		"smtp.tls.tls":           {"TLS", "TLS"},
		"smtp.tls.tls.help":      {"TLS from the start (usually port 465).", "TLS dès la connexion (en général le port 465)."},
		"smtp.user":              {"User", "Utilisateur"},
		"smtp.user.help":         {"Leave blank when the server asks for no login.", "Laissez vide si le serveur ne demande pas d'identification."},
		"smtp.password":          {"Password", "Mot de passe"},
		"smtp.password.set":      {"A password is saved. Leave blank to keep it.", "Un mot de passe est enregistré. Laissez vide pour le conserver."},
		"smtp.password.unset":    {"No password is saved.", "Aucun mot de passe n'est enregistré."},
		"smtp.from":              {"Sender address", "Adresse de l'expéditeur"},
		"smtp.from.help":         {"The From of every notification.", "L'expéditeur de chaque notification."},
		"smtp.save":              {"Save", "Enregistrer"},
		"smtp.saving":            {"Saving…", "Enregistrement…"},
		"smtp.saved":             {"Saved.", "Enregistré."},
		"smtp.test":              {"Send test mail", "Envoyer un mail de test"},
		"smtp.test.help":         {"The test uses the saved settings: save first.", "Le test utilise les paramètres enregistrés : enregistrez d'abord."},
		"smtp.test.to":           {"Send a test mail to", "Envoyer un mail de test à"},
		"smtp.test.busy":         {"Sending…", "Envoi…"},
		"smtp.test.sent":         {"Test mail sent to {0}.", "Mail de test envoyé à {0}."},

		"password.title": {"Panel login", "Connexion au panneau"},
		"password.new":   {"New password", "Nouveau mot de passe"},
		"password.help":  {"The client logs in to its own Customer Panel with the login {0} and this password.", "Le client se connecte à son propre Panneau Client avec l'identifiant {0} et ce mot de passe."},
		"password.set":   {"Set password", "Définir le mot de passe"},
		"password.done":  {"The password is set.", "Le mot de passe est défini."},

		// API codes of backups, tasks and the settings.
		"err.invalid_request":  {"Some fields are not right: see beside each.", "Certains champs ne conviennent pas : voyez à côté de chacun."},
		"err.mail_failed":      {"The mail could not be sent.", "Le mail n'a pas pu être envoyé."},
		"err.cross_origin":     {"The request came from another site and was refused.", "La requête venait d'un autre site et a été refusée."},
		"err.bad_request":      {"The server did not understand the request.", "Le serveur n'a pas compris la requête."},
		"err.busy":             {"The data is busy in another Coffre process. Try again in a moment.", "Les données sont occupées par un autre processus Coffre. Réessayez dans un instant."},
		"err.exists":           {"This already exists.", "Cela existe déjà."},
		"err.invalid_domain":   {"Enter a host name such as mail.example.com.", "Saisissez un nom d'hôte comme mail.example.com."},
		"err.invalid_port":     {"Enter a port from 1 to 65535.", "Saisissez un port de 1 à 65535."},
		"err.invalid_tls":      {"Choose None, STARTTLS or TLS.", "Choisissez Aucune, STARTTLS ou TLS."},
		"err.insecure_auth":    {"A password goes in clear only to this host itself: choose STARTTLS or TLS.", "Un mot de passe ne circule en clair que vers cet hôte lui-même : choisissez STARTTLS ou TLS."},
		"err.preview_timeout":  {"The webspaces are too large to preview in time. The backup itself is not limited.", "Les espaces Web sont trop grands pour un aperçu à temps. La sauvegarde elle-même n'est pas limitée."},
		"err.invalid_password": {"A password must be from {0} to {1} characters long.", "Un mot de passe doit compter de {0} à {1} caractères."},
		"err.invalid_text":     {"Special characters such as a newline are not allowed here.", "Les caractères spéciaux comme le retour à la ligne ne sont pas autorisés ici."},
	})
}

// addMessages adds a file's messages to the panel's; a key defined twice is a mistake.
func addMessages(m map[string]words) {
	for k, w := range m {
		if _, dup := messages[k]; dup {
			panic(fmt.Sprintf("message %q is defined twice", k))
		}
		messages[k] = w
	}
}
